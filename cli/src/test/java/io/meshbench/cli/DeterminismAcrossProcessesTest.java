package io.meshbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same scenario and seed, run by {@code ./meshbench scenario run} in two separate JVMs, record
 * the same run byte for byte: every event, and the header but for the time it was made. The
 * scenario has what could break that: message loss and jitter, a partition and its healing, phones
 * killed and revived while tasks run on them.
 */
class DeterminismAcrossProcessesTest {

    private static final String SCENARIO = """
            name: determinism
            seed: 5
            mode: virtual
            duration: 90s
            network: {latency: 30ms, jitter: 60ms, loss: 0.03}
            orchestrator: {bid_timeout: 1s, result_timeout: 10s}
            devices:
              - {id: Phone_NPU, count: 2, npu: true, cpu_load: 0.3}
              - {id: Phone, count: 4, npu: false, cpu_load: 0.2}
            workload: {arrival: poisson, rate: 3/s}
            faults:
              - {at: 20s, kill: Phone_NPU_0001}
              - at: 30s
                partition:
                  - [Device_A, Phone_0001, Phone_0002]
                  - [Phone_NPU_0002, Phone_0003, Phone_0004]
              - {at: 45s, heal: true}
              - {at: 50s, revive: Phone_NPU_0001}
              - {at: 60s, kill: Phone_0003}
            """;

    @TempDir
    Path dir;

    private List<String> run(Path scenario, long seed, String name) throws Exception {
        Path recording = dir.resolve(name);
        try (Launcher run = Launcher.start("scenario", "run", scenario.toString(), "--seed", String.valueOf(seed),
                "--record", recording.toString())) {
            run.finish(Duration.ofMinutes(3));
            assertEquals(0, run.exitCode(), "scenario run failed");
        }
        return Files.readAllLines(recording);
    }

    private static String headerWithoutCreation(String line) throws Exception {
        ObjectNode header = (ObjectNode) new ObjectMapper().readTree(line);
        assertTrue(header.has("created"), line);
        header.remove("created");
        return header.toString();
    }

    @Test
    void twoJvmsRecordTheSameRunWithKillsPartitionsAndLoss() throws Exception {
        Path scenario = Files.writeString(dir.resolve("determinism.yaml"), SCENARIO);
        List<String> first = run(scenario, 11, "a.jsonl");
        List<String> second = run(scenario, 11, "b.jsonl");
        assertTrue(first.size() > 1_000, "a real run: " + first.size() + " lines");
        for (String felt : List.of("\"event\":\"NodeStopped\"", "\"event\":\"DeliveryFailed\"", "\"closedBy\":\"deadline\"")) {
            assertTrue(first.stream().anyMatch(l -> l.contains(felt)), "the run has " + felt);
        }
        assertEquals(headerWithoutCreation(first.getFirst()), headerWithoutCreation(second.getFirst()));
        assertEquals(first.subList(1, first.size()), second.subList(1, second.size()));
        List<String> third = run(scenario, 12, "c.jsonl");
        assertNotEquals(first.subList(1, first.size()), third.subList(1, third.size()), "another seed, another run");
    }
}
