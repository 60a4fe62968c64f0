package io.meshbench.app.scenario;

import io.meshbench.scenario.Scenario;
import io.meshbench.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run's failures as the scenario window lists them: words and the scenario's own timeouts, no "N". */
class OutcomeTextTest {

    private static final Path SCENARIOS = Path.of(System.getProperty("meshbench.root", "..")).resolve("scenarios");

    @Test
    void groupedFailureReasonsReadAsWordsWithTheScenariosTimeouts() throws Exception {
        Scenario seed = ScenarioReader.read(SCENARIOS.resolve("seed.yaml"));
        long result = seed.orchestrator().resultTimeout().toSeconds();
        long bids = seed.orchestrator().bidTimeout().toSeconds();
        assertEquals("no RESULT from a device within " + result + " s",
                OutcomeText.readable("no RESULT from Phone_N within N s", seed));
        assertEquals("no bids within " + bids + " s from several peers (a device, a device)",
                OutcomeText.readable("no bids within N s from N peers (Phone_N, Phone_N)", seed));
        assertEquals("task … failed", OutcomeText.readable("task N failed", seed));
    }
}
