package io.meshbench.report;

import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The statistics of {@link HandMadeRun}, against numbers worked out by hand. */
class RunAnalyzerTest {

    private static final double HDR = 0.001; // HdrHistogram at 3 significant digits

    private static RunReport report(Duration deadline) {
        return RunAnalyzer.analyze("hand-made", Map.of("seed", "1"), HandMadeRun.events(), deadline);
    }

    @Test
    void countsTasksByHowTheyEnded() {
        RunSummary s = report(null).summary();
        assertEquals(6, s.tasks());
        assertEquals(3, s.completed());
        assertEquals(2, s.failed());
        assertEquals(1, s.unfinished());
        assertEquals(5.0, s.durationSeconds(), 1e-9);
        assertEquals(2, s.devices(), "the orchestrator is not a device");
        assertEquals(3, s.messages());
        assertEquals(2, s.problems(), "one ignored bid, one rejected input");
    }

    @Test
    void latencyPercentilesAreNearestRank() {
        Latency l = report(null).summary().latency();
        assertEquals(3, l.count());
        assertEquals(200, l.p50(), 200 * HDR, "2nd of 100, 200, 400");
        assertEquals(400, l.p95(), 400 * HDR);
        assertEquals(400, l.p99(), 400 * HDR);
        assertEquals(700 / 3.0, l.mean(), 1e-9);
        assertEquals(400, l.max(), 1e-9);
    }

    @Test
    void timeSplitIsTheMeanOfTheCompletedTasks() {
        TimeSplit split = report(null).summary().split();
        assertEquals((10 + 20 + 10) / 3.0, split.bidding(), 1e-9);
        assertEquals(0, split.selection(), 1e-9);
        assertEquals((80 + 150 + 300) / 3.0, split.deviceExecution(), 1e-9);
        assertEquals((10 + 30 + 90) / 3.0, split.transfer(), 1e-9);
        assertEquals(700 / 3.0, split.total(), 1e-9, "the parts add up to the mean latency");
    }

    @Test
    void devicesTasksNpuShareAndBattery() {
        RunSummary s = report(null).summary();
        assertEquals(Map.of("Dev_C", 1, "Dev_N", 2), s.tasksPerDevice());
        assertEquals(2 / 3.0, s.npuShare(), 1e-9);
        assertEquals(Map.of("Dev_C", 90, "Dev_N", 75), s.minBattery());
        List<DeviceStats> devices = report(null).devices();
        // device, bids, missed, wins, assigned, completed, npu, failed runs, busy, battery first/last/min, stops
        assertEquals(new DeviceStats("Dev_C", 3, 0, 1, 2, 1, 0, 0, 150_000_000, 90, 90, 90, 1), devices.get(0));
        assertEquals(new DeviceStats("Dev_N", 2, 1, 2, 2, 2, 2, 0, 380_000_000, 80, 75, 75, 0), devices.get(1),
                "stopping at the very end is the mesh shutting down, not a stop");
    }

    @Test
    void deadlinesTimeoutsAndFailureReasons() {
        RunSummary s = report(Duration.ofMillis(250)).summary();
        assertEquals(1, s.auctionsClosedByDeadline());
        assertEquals(1, s.missedBids());
        assertEquals(1, s.resultTimeouts());
        assertEquals(250.0, s.taskDeadlineMs());
        assertEquals(4, s.deadlineMisses(), "task_3 took 400 ms; task_4 and task_5 failed; task_6 never ended");
        assertEquals(Map.of("no RESULT from Dev_C within N s", 1,
                "no bids within N s from N peers (Dev_C, Dev_N)", 1), s.failureReasons(),
                "grouped by kind, as the terminal groups them");
        RunSummary none = report(null).summary();
        assertNull(none.taskDeadlineMs());
        assertEquals(0, none.deadlineMisses());
    }

    @Test
    void seriesForThePlots() {
        RunReport r = report(null);
        assertEquals(List.of(new RunReport.Point(0, 80), new RunReport.Point(500_000_000, 78),
                new RunReport.Point(1_000_000_000, 75)), r.battery().get("Dev_N"));
        assertEquals(List.of(new RunReport.Point(0, 90), new RunReport.Point(1_000_000_000, 90)), r.battery().get("Dev_C"),
                "a flat curve keeps its last sample");
        List<RunReport.Span> c = r.activity().get("Dev_C");
        assertEquals(new RunReport.Span(221_000_000, 371_000_000, "cpu", "task_2"), c.get(0));
        assertEquals(new RunReport.Span(2_000_000_000, 3_000_000_000L, "down", ""), c.get(1));
        assertEquals(List.of(100_000_000L, 200_000_000L, 400_000_000L), r.latencies());
        TaskRow t2 = r.tasks().get(1);
        assertEquals(new TaskRow("task_2", "Device_A", 200_000_000, "completed", "", "npu-first", 1, "deadline", "Dev_C",
                false, 20_000_000, 0, 150_000_000, 30_000_000, 200_000_000, 5, 24), t2);
    }

    @Test
    void aLiveAnalyzerGivesTheSameAsOneOverTheWholeList() {
        RunAnalyzer live = new RunAnalyzer();
        List<MeshEvent> events = HandMadeRun.events();
        events.subList(0, 20).forEach(live);
        RunSummary partial = live.report("x", Map.of()).summary();
        events.subList(20, events.size()).forEach(live);
        assertEquals(report(null).summary().latency(), live.report("hand-made", Map.of()).summary().latency());
        assertEquals(2, partial.tasks(), "a report in the middle of a run counts what has happened so far");
        assertEquals(1, partial.completed());
        assertEquals(1, partial.unfinished());
    }

    @Test
    void aDeviceThatDiesEndsItsRunAndIsShownDown() {
        List<MeshEvent> events = List.of(
                new MeshEvent.TaskStarted(0, "Dev_X", "t1", "A", false),
                new MeshEvent.NodeStopped(1_000, "Dev_X"),
                new MeshEvent.NodeStarted(3_000, "Dev_X", "device", "virtual"),
                new MeshEvent.TaskFailed(4_000, "A", "t1", "no RESULT from Dev_X within 1 s", MeshEvent.Timing.NONE));
        RunReport r = RunAnalyzer.analyze("x", Map.of(), events, null);
        assertEquals(List.of(new RunReport.Span(0, 1_000, "cpu", "t1"), new RunReport.Span(1_000, 3_000, "down", "")),
                r.activity().get("Dev_X"));
        assertEquals(1, r.devices().getFirst().stops());
    }

    @Test
    void devicesAreInNaturalOrder() {
        List<String> ids = new java.util.ArrayList<>(List.of("Phone_10", "Phone_2", "Phone_1", "Dev_B", "Phone_02x", "Phone_2a"));
        ids.sort(DeviceTracker::naturalOrder);
        assertEquals(List.of("Dev_B", "Phone_1", "Phone_2", "Phone_2a", "Phone_02x", "Phone_10"), ids);
    }
}
