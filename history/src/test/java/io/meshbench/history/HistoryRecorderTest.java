package io.meshbench.history;

import io.meshbench.event.EventBus;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.report.RunStats;
import io.meshbench.scenario.Scenario;
import io.meshbench.scenario.ScenarioReader;
import io.meshbench.scenario.ScenarioRunner;
import io.meshbench.schedule.Forecast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scenario's event stream into the history, and what the history says about it. */
class HistoryRecorderTest {

    @TempDir
    Path dir;

    private static Path scenario(String name) {
        return Path.of(System.getProperty("meshbench.root", "..")).resolve("scenarios").resolve(name);
    }

    private RunStats record(Path db, String file, String strategy) throws Exception {
        return record(db, file, strategy, "scenario");
    }

    private RunStats record(Path db, String file, String strategy, String source) throws Exception {
        Scenario scenario = ScenarioReader.read(scenario(file));
        EventBus bus = new EventBus();
        ScenarioRunner.Options defaults = ScenarioRunner.Options.of(scenario);
        try (HistoryRecorder recorder = new HistoryRecorder(HistoryStore.open(db), source, true);
             AutoCloseable ignored = bus.subscribe(recorder)) {
            return new ScenarioRunner(scenario, PluginRegistry.fromClassPath(), bus,
                    new ScenarioRunner.Options(defaults.seed(), strategy, defaults.messageEvents())).run(p -> { }).tally();
        }
    }

    @Test
    void everyTaskOfARunIsKeptWithItsAuctionAndTheStatisticsMatchTheRun() throws Exception {
        Path db = dir.resolve("h.db");
        RunStats npuFirst = record(db, "slow-npu.yaml", "npu-first");
        RunStats fastest = record(db, "slow-npu.yaml", "fastest-expected");
        try (HistoryStore store = HistoryStore.open(db)) {
            assertEquals(npuFirst.opened() + fastest.opened(), store.count());
            HistoryStats stats = HistoryStats.of(store, Long.MIN_VALUE, Long.MAX_VALUE, r -> true);
            assertEquals(List.of("fastest-expected", "npu-first"), stats.strategies().stream().map(HistoryStats.Group::key).toList());
            HistoryStats.Group nf = stats.strategies().get(1);
            assertEquals(npuFirst.completed(), nf.completed());
            // the run's own are from a histogram at 3 significant digits; the history's exact
            assertEquals(npuFirst.percentile(99) / 1e6, nf.p99Ms(), npuFirst.percentile(99) / 1e6 * 0.002,
                    "the same nearest-rank p99 as the run's own");
            assertEquals(npuFirst.percentile(50) / 1e6, nf.p50Ms(), npuFirst.percentile(50) / 1e6 * 0.002);
            HistoryStats.Group oldNpu = stats.devices().stream().filter(g -> g.key().equals("Phone_OldNpu")).findFirst()
                    .orElseThrow();
            assertEquals("NPU", oldNpu.unit());
            // 24 generated tokens a task, decoded at 6 a second, over the device's time for the task, its own
            // queue included (one task at a time on that NPU, and npu-first piles them up): under 6 a second
            assertNotNull(oldNpu.tokensPerSecond());
            assertTrue(oldNpu.tokensPerSecond() > 1 && oldNpu.tokensPerSecond() < 6, "" + oldNpu.tokensPerSecond());
            HistoryStats.Group fastCpu = stats.devices().stream().filter(g -> g.key().equals("Phone_FastCpu")).findFirst()
                    .orElseThrow();
            assertEquals("CPU", fastCpu.unit());
            assertEquals(1.0, fastCpu.successRate());
            TaskRecord any = store.tasks(Long.MIN_VALUE, Long.MAX_VALUE).getFirst();
            assertEquals("scenario", any.source());
            assertEquals("Device_A", any.orchestrator());
            assertEquals(3, any.bids());
            assertNotNull(any.rule());
            assertNotNull(any.deviceMs());
        }
    }

    @Test
    void theForecastLearnsFromTheHistoryThatTheOldNpuIsSlow() throws Exception {
        Path db = dir.resolve("f.db");
        record(db, "slow-npu.yaml", "npu-first", "recording"); // as if imported from a recording of a live mesh
        Forecast forecast = new Forecast();
        try (HistoryStore store = HistoryStore.open(db)) {
            assertTrue(HistoryForecast.seed(store, forecast, Long.MIN_VALUE, Long.MAX_VALUE) > 100);
        }
        Path scenarios = dir.resolve("s.db");
        record(scenarios, "slow-npu.yaml", "npu-first");
        try (HistoryStore store = HistoryStore.open(scenarios)) {
            assertEquals(0, HistoryForecast.seed(store, new Forecast(), Long.MIN_VALUE, Long.MAX_VALUE),
                    "a live orchestrator does not learn from scenarios' simulated devices");
        }
        double npu = forecast.expectedSeconds("Phone_OldNpu", true, 10).orElseThrow();
        double cpu = forecast.expectedSeconds("Phone_FastCpu", false, 10).orElseThrow();
        assertTrue(npu > 2 * cpu, "old NPU " + npu + " s a task, fast CPU " + cpu + " s");
    }
}
