package io.meshbench.scenario;

import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.schedule.Priority;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The targets on the shipped scenarios, in virtual time (simulated latencies, not timing of
 * this machine): under NPU contention the new strategies' p99 is at least 2x lower than
 * npu-first's; where one phone's NPU is slower than another's CPU, fastest-expected's is; where
 * npu-first is right, they do as well. Also the workload's priority mix and deadlines.
 */
class BalancingEvidenceTest {

    private static Path scenario(String name) {
        return Path.of(System.getProperty("meshbench.root", "..")).resolve("scenarios").resolve(name);
    }

    private static io.meshbench.report.RunStats run(Scenario scenario, String strategy, EventBus bus) {
        ScenarioRunner.Options defaults = ScenarioRunner.Options.of(scenario);
        return new ScenarioRunner(scenario, PluginRegistry.fromClassPath(), bus,
                new ScenarioRunner.Options(defaults.seed(), strategy, defaults.messageEvents())).run(p -> { }).tally();
    }

    private static io.meshbench.report.RunStats run(String file, String strategy) {
        return run(ScenarioReader.read(scenario(file)), strategy, new EventBus());
    }

    @Test
    void underNpuContentionTheBalancingStrategiesHalveTheP99() {
        io.meshbench.report.RunStats npuFirst = run("npu-queue.yaml", "npu-first");
        for (String strategy : List.of("least-finish", "fastest-expected")) {
            io.meshbench.report.RunStats t = run("npu-queue.yaml", strategy);
            assertEquals(0, t.failed(), strategy);
            assertTrue(2 * t.percentile(99) <= npuFirst.percentile(99), strategy + " p99 " + t.percentile(99)
                    + " ns against npu-first's " + npuFirst.percentile(99));
            assertTrue(t.percentile(50) < npuFirst.percentile(50), strategy + " p50");
        }
    }

    @Test
    void whenAnNpuIsSlowerThanAnotherPhonesCpuFastestExpectedLearnsIt() {
        io.meshbench.report.RunStats npuFirst = run("slow-npu.yaml", "npu-first");
        io.meshbench.report.RunStats fastest = run("slow-npu.yaml", "fastest-expected");
        assertEquals(0, fastest.failed());
        assertTrue(2 * fastest.percentile(99) <= npuFirst.percentile(99), fastest.percentile(99) + " against "
                + npuFirst.percentile(99));
        assertTrue(fastest.npuShare() < 0.2, "most work left the slow NPU: NPU share " + fastest.npuShare());
    }

    @Test
    void whereNpuFirstIsRightTheNewStrategiesDoAsWell() {
        for (String file : List.of("seed.yaml", "npu-contention.yaml")) {
            io.meshbench.report.RunStats npuFirst = run(file, "npu-first");
            for (String strategy : List.of("least-finish", "fastest-expected")) {
                io.meshbench.report.RunStats t = run(file, strategy);
                assertEquals(npuFirst.failed(), t.failed(), file + " " + strategy);
                assertTrue(t.percentile(99) <= npuFirst.percentile(99) * 1.05, file + " " + strategy + " p99 "
                        + t.percentile(99) + " against " + npuFirst.percentile(99));
            }
        }
    }

    @Test
    void aWorkloadsPriorityMixAndDeadlineReachTheOrchestrator() {
        Scenario base = ScenarioReader.read(scenario("npu-queue.yaml"));
        Scenario.Workload w = base.workload();
        assertEquals(Map.of(Priority.HIGH, 0.2, Priority.NORMAL, 0.6, Priority.LOW, 0.2), w.priorities());
        // The same scenario with every NPU phone taking one task at a time, CPU phones none, a deadline of 3 s:
        Scenario tight = new Scenario(base.name(), base.description(), base.seed(), base.mode(),
                java.time.Duration.ofSeconds(60), base.network(), base.orchestrator(), List.of(
                new Scenario.DeviceGroup("npu", 2, true, "simulated", Map.of(), "simulated",
                        Map.of("contention", "serial"), 1, java.time.Duration.ofMillis(500))),
                0, new Scenario.Workload(w.arrival(), 0, w.start(), w.prompts(), null, null, w.priorities(),
                java.time.Duration.ofSeconds(3)), List.of(), List.of());
        EventBus bus = new EventBus();
        Map<Priority, Integer> queued = new EnumMap<>(Priority.class);
        List<String> reasons = new ArrayList<>();
        bus.subscribe(e -> {
            if (e instanceof MeshEvent.TaskQueued q) {
                queued.merge(Priority.parse(q.priority()), 1, Integer::sum);
            } else if (e instanceof MeshEvent.TaskFailed f) {
                reasons.add(f.reason());
            }
        });
        io.meshbench.report.RunStats t = run(tight, "npu-first", bus);
        assertEquals(3, queued.size(), "every priority of the mix waited at some point: " + queued);
        assertTrue(queued.get(Priority.NORMAL) > queued.get(Priority.HIGH), queued.toString());
        assertTrue(t.expired() > 0 && reasons.stream().allMatch(r -> r.startsWith("deadline of 3 s passed")),
                reasons.stream().distinct().limit(5).toList().toString());
        assertTrue(t.queued() > 0 && t.longestQueue() > 1);
        assertEquals(0, t.unfinished());
    }
}
