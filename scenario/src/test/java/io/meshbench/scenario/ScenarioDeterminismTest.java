package io.meshbench.scenario;

import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.record.RecordingWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same scenario and seed give a byte-identical event log, faults and message loss included; and
 * a small scenario chooses the same winners in virtual time as live, where timing does not matter.
 */
class ScenarioDeterminismTest {

    private static final PluginRegistry PLUGINS = PluginRegistry.fromClassPath();

    private static Path shipped(String name) {
        return Path.of(System.getProperty("meshbench.root", "..")).resolve("scenarios").resolve(name);
    }

    /** The recording's event lines (the header, which holds the time of recording, left out). */
    private static List<String> recordedRun(Scenario scenario, long seed, Path file) throws Exception {
        EventBus bus = new EventBus();
        try (RecordingWriter writer = RecordingWriter.open(file, Map.of("seed", String.valueOf(seed)), 1024)) {
            bus.subscribe(writer);
            new ScenarioRunner(scenario, PLUGINS, bus, new ScenarioRunner.Options(seed, scenario.orchestrator().strategy(),
                    true)).run(p -> { });
        }
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size());
    }

    @Test
    void theSameSeedGivesAByteIdenticalEventLogWithFaultsAndLoss(@TempDir Path dir) throws Exception {
        Scenario flaky = ScenarioReader.read(shipped("flaky-network.yaml"));
        assertTrue(flaky.network().loss() > 0 && flaky.faults().size() >= 2, "a scenario with loss and faults");
        List<String> first = recordedRun(flaky, 5, dir.resolve("a.jsonl"));
        List<String> second = recordedRun(flaky, 5, dir.resolve("b.jsonl"));
        assertTrue(first.size() > 10_000, "a real run: " + first.size() + " events");
        assertTrue(first.stream().anyMatch(l -> l.contains("\"event\":\"DeliveryFailed\"")), "the partition was felt");
        assertTrue(first.stream().anyMatch(l -> l.contains("\"closedBy\":\"deadline\"")), "lost bids were felt");
        assertEquals(first, second);
        assertNotEquals(first, recordedRun(flaky, 6, dir.resolve("c.jsonl")), "another seed, another run");
    }

    @Test
    void virtualAndLiveRunsOfASmallScenarioChooseTheSameWinners() throws Exception {
        // Six prompts half a second apart (the first 346 ms in, for this seed); the best phone is killed
        // between the third and the fourth, so the winners change mid-run. Timing does not decide
        // anything here: each prompt is done long before the next, the kill falls 100 ms after the
        // third prompt and 400 ms before the fourth, and the last prompt comes a second before the end.
        Scenario small = ScenarioReader.parse("""
                name: same-winners
                duration: 4s
                orchestrator: {bid_timeout: 2s, result_timeout: 30s}
                devices:
                  - {id: Device_B, npu: true, cpu_load: 0.452, battery: 85, max_tasks: 8,
                     slm: {engine: simulated, speed: 50}, metrics: {source: simulated, cpu_per_task: 0}}
                  - {id: Device_C, npu: false, cpu_load: 0.321, battery: 92, max_tasks: 8}
                  - {id: Device_D, npu: true, cpu_load: 0.20, battery: 40, max_tasks: 8,
                     slm: {engine: simulated, speed: 50}, metrics: {source: simulated, cpu_per_task: 0}}
                workload: {arrival: fixed, rate: 2/s, start: 200ms, tasks: 6}
                faults:
                  - {at: 1450ms, kill: Device_D}
                expect: {all_tasks_complete: true}
                """, "same-winners.yaml");
        List<String> virtual = winners(small, false);
        assertEquals(List.of("Device_D", "Device_D", "Device_D", "Device_B", "Device_B", "Device_B"), virtual,
                "the least loaded NPU phone until it is killed, then the other NPU phone");
        assertEquals(virtual, winners(small, true));
    }

    /** Winners in task order (task_1, task_2, ...), whatever the task ids' random suffixes. */
    private static List<String> winners(Scenario scenario, boolean live) throws Exception {
        EventBus bus = new EventBus();
        List<MeshEvent.TaskCompleted> done = new ArrayList<>();
        bus.subscribe(e -> {
            if (e instanceof MeshEvent.TaskCompleted c) {
                synchronized (done) {
                    done.add(c);
                }
            }
        });
        ScenarioRunner.Options options = new ScenarioRunner.Options(1, "npu-first", true);
        RunOutcome outcome = live ? new LiveScenarioRunner(scenario, PLUGINS, bus, options).run(p -> { })
                : new ScenarioRunner(scenario, PLUGINS, bus, options).run(p -> { });
        assertTrue(outcome.passed(), outcome.expectations().toString());
        synchronized (done) {
            return done.stream().sorted(java.util.Comparator.comparingInt(
                            (MeshEvent.TaskCompleted c) -> Integer.parseInt(c.taskId().split("_")[1])))
                    .map(MeshEvent.TaskCompleted::device).toList();
        }
    }
}
