package io.meshbench.report;

import io.meshbench.event.MeshEvent;
import io.meshbench.event.MeshEvent.Timing;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A small run written by hand, whose numbers are worked out by hand in {@link RunAnalyzerTest}:
 * Dev_N has an NPU, Dev_C has none, Device_A orchestrates six tasks.
 */
final class HandMadeRun {

    static final long T0 = 1_000_000_000_000L;
    static final Bid N = new Bid("Dev_N", OptionalDouble.of(0.5), OptionalDouble.of(0.5), OptionalInt.of(80), true);
    static final Bid C = new Bid("Dev_C", OptionalDouble.of(0.2), OptionalDouble.of(0.5), OptionalInt.of(90), false);

    private final List<MeshEvent> events = new ArrayList<>();

    private static long at(double ms) {
        return T0 + (long) (ms * 1_000_000);
    }

    private static long ms(double ms) {
        return (long) (ms * 1_000_000);
    }

    private void completed(String task, double openMs, List<Bid> bids, Bid winner, io.meshbench.event.ClosedBy closedBy,
                           List<String> missing, double biddingMs, double deviceMs, double totalMs) {
        events.add(new MeshEvent.AuctionOpened(at(openMs), "Device_A", task, "p", List.of("Dev_C", "Dev_N"), ms(10_000)));
        bids.forEach(b -> events.add(new MeshEvent.BidAccepted(at(openMs + 1), "Device_A", task, b)));
        events.add(new MeshEvent.AuctionClosed(at(openMs + biddingMs), "Device_A", task, "npu-first", "NPU-First", bids,
                new Selection(List.of(winner), "rule", "why"), closedBy, missing));
        events.add(new MeshEvent.TaskAssigned(at(openMs + biddingMs), "Device_A", task, winner.deviceId(), winner.hasNpu(),
                "x", "p"));
        double sent = openMs + biddingMs;
        events.add(new MeshEvent.TaskStarted(at(sent + 1), winner.deviceId(), task, "Device_A", winner.hasNpu()));
        events.add(new MeshEvent.TaskExecuted(at(sent + 1 + deviceMs), winner.deviceId(), task, io.meshbench.plugin.api.SlmResult.Status.COMPLETED, null, 5, 24,
                ms(deviceMs)));
        events.add(new MeshEvent.TaskCompleted(at(openMs + totalMs), "Device_A", task, winner.deviceId(), "completed",
                "out", new Timing(ms(biddingMs), 0, ms(totalMs - biddingMs), ms(totalMs))));
    }

    static List<MeshEvent> events() {
        HandMadeRun run = new HandMadeRun();
        List<MeshEvent> e = run.events;
        e.add(new MeshEvent.NodeStarted(at(0), "Device_A", "orchestrator", "virtual"));
        e.add(new MeshEvent.NodeStarted(at(0), "Dev_N", "device", "virtual"));
        e.add(new MeshEvent.NodeStarted(at(0), "Dev_C", "device", "virtual"));
        e.add(new MeshEvent.MetricSampled(at(0), "Dev_N", 0.5, 0.5, 80, 0));
        e.add(new MeshEvent.MetricSampled(at(0), "Dev_C", 0.2, 0.5, 90, 0));
        for (int i = 0; i < 3; i++) {
            e.add(new MeshEvent.MessageSent(at(0), "Device_A", "Dev_N", "BID_REQUEST", "task_1", ""));
        }
        // 100 ms on Dev_N's NPU: 10 bidding, 80 on the device, 10 in transfer.
        run.completed("task_1", 0, List.of(C, N), N, io.meshbench.event.ClosedBy.ALL_BIDS, List.of(), 10, 80, 100);
        // 200 ms on Dev_C: closed by the deadline without Dev_N's bid; 20 + 150 + 30.
        run.completed("task_2", 200, List.of(C), C, io.meshbench.event.ClosedBy.DEADLINE, List.of("Dev_N"), 20, 150, 200);
        e.add(new MeshEvent.MetricSampled(at(500), "Dev_N", 0.5, 0.5, 78, 1));
        // 400 ms on Dev_N: 10 + 300 + 90.
        run.completed("task_3", 450, List.of(C, N), N, io.meshbench.event.ClosedBy.ALL_BIDS, List.of(), 10, 300, 400);
        e.add(new MeshEvent.MetricSampled(at(1000), "Dev_N", 0.5, 0.5, 75, 0));
        e.add(new MeshEvent.MetricSampled(at(1000), "Dev_C", 0.2, 0.5, 90, 0));
        e.add(new MeshEvent.BidIgnored(at(1100), "Device_A", "task_9", "Dev_X", "not in the peer list"));
        e.add(new MeshEvent.InputRejected(at(1100), "Dev_N", "127.0.0.1:1", "bad JSON", "{"));
        e.add(new MeshEvent.AuctionOpened(at(1200), "Device_A", "task_4", "p", List.of("Dev_C", "Dev_N"), ms(10_000)));
        e.add(new MeshEvent.TaskAssigned(at(1210), "Device_A", "task_4", "Dev_C", false, "cpu_prompt", "p"));
        e.add(new MeshEvent.NodeStopped(at(2000), "Dev_C"));
        e.add(new MeshEvent.NodeStarted(at(3000), "Dev_C", "device", "virtual"));
        e.add(new MeshEvent.TaskFailed(at(3500), "Device_A", "task_4", "no RESULT from Dev_C within 2.29 s",
                new Timing(ms(10), 0, ms(2290), ms(2300))));
        e.add(new MeshEvent.AuctionOpened(at(3600), "Device_A", "task_5", "p", List.of("Dev_C", "Dev_N"), ms(1000)));
        e.add(new MeshEvent.TaskFailed(at(4600), "Device_A", "task_5", "no bids within 1 s from 2 peers (Dev_C, Dev_N)",
                new Timing(ms(1000), -1, -1, ms(1000))));
        e.add(new MeshEvent.AuctionOpened(at(5000), "Device_A", "task_6", "p", List.of("Dev_C", "Dev_N"), ms(1000)));
        e.add(new MeshEvent.NodeStopped(at(5000), "Dev_N"));
        return List.copyOf(e);
    }
}
