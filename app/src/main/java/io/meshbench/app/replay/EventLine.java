package io.meshbench.app.replay;

import io.meshbench.event.MeshEvent;

import java.util.Locale;

/** One event as a short line of the replay's detail pane: its time from the start, its node, what happened. */
final class EventLine {

    private EventLine() {
    }

    static String of(MeshEvent event, long origin) {
        String what = switch (event) {
            case MeshEvent.MessageSent e -> e.type() + " → " + e.peer();
            case MeshEvent.MessageReceived e -> e.type() + " ← " + e.peer();
            case MeshEvent.DeliveryFailed e -> e.type() + " to " + e.peer() + " failed: " + e.reason();
            case MeshEvent.AuctionOpened e -> "auction " + e.taskId() + " opened, " + e.peers().size() + " peers asked";
            case MeshEvent.BidAccepted e -> "bid from " + e.bid().deviceId() + " (" + e.taskId() + ")";
            case MeshEvent.AuctionClosed e -> "auction " + e.taskId() + " closed: " + e.selection().winner().deviceId()
                    + " wins (" + e.selection().rule() + ")";
            case MeshEvent.TaskAssigned e -> "task " + e.taskId() + " → " + e.device();
            case MeshEvent.TaskStarted e -> "runs " + e.taskId();
            case MeshEvent.TaskExecuted e -> "ran " + e.taskId() + ": " + e.status();
            case MeshEvent.TaskCompleted e -> "result of " + e.taskId() + " from " + e.device() + ": " + e.status();
            case MeshEvent.TaskFailed e -> e.taskId() + " failed: " + e.reason();
            case MeshEvent.MetricSampled e -> String.format(Locale.ROOT, "cpu %.2f ram %.2f bat %d",
                    e.cpuLoad(), e.ramLoad(), e.battery());
            case MeshEvent.NodeStarted e -> "started (" + e.role() + ")";
            case MeshEvent.NodeStopped e -> "stopped";
            default -> event.getClass().getSimpleName();
        };
        return String.format(Locale.ROOT, "%.3f %s %s", (event.time() - origin) / 1e9, event.node(), what);
    }
}
