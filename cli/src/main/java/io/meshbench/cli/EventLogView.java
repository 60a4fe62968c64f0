package io.meshbench.cli;

import io.meshbench.event.MeshEvent;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** A node's log on its console: one timestamped line per thing that happened. */
final class EventLogView implements Consumer<MeshEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final boolean metrics;

    EventLogView(PrintStream out, boolean metrics) {
        this.out = out;
        this.metrics = metrics;
    }

    @Override
    public synchronized void accept(MeshEvent event) {
        String text = switch (event) {
            case MeshEvent.NodeStarted e -> "started as " + e.role() + ", listening on " + e.address();
            case MeshEvent.NodeStopped e -> "stopped";
            case MeshEvent.MessageReceived e -> "← " + e.type() + " from " + e.peer() + task(e.taskId());
            case MeshEvent.MessageSent e -> "→ " + e.type() + " to " + e.peer() + task(e.taskId());
            case MeshEvent.TaskStarted e -> "running " + e.taskId() + " for " + e.orchestrator()
                    + (e.useNpu() ? " on the NPU" : " on the CPU");
            case MeshEvent.TaskExecuted e -> "finished " + e.taskId() + ": " + e.status().name().toLowerCase(java.util.Locale.ROOT)
                    + String.format(" in %.1f ms", e.elapsedNanos() / 1e6) + (e.error().isEmpty() ? "" : " (" + e.error() + ")");
            case MeshEvent.InputRejected e -> "rejected input from " + e.source() + ": " + e.reason()
                    + (e.excerpt().isEmpty() ? "" : " — \"" + e.excerpt() + "\"");
            case MeshEvent.DeliveryFailed e -> e.type() + " to " + e.peer() + " not delivered: " + e.reason();
            case MeshEvent.NodeError e -> "error: " + e.reason();
            case MeshEvent.MetricSampled e when metrics -> String.format("metrics: cpu %.3f ram %.3f battery %d, %d running",
                    e.cpuLoad(), e.ramLoad(), e.battery(), e.runningTasks());
            default -> null;
        };
        if (text != null) {
            out.println(TIME.format(Instant.ofEpochSecond(0, event.time())) + " [" + event.node() + "] " + text);
            out.flush();
        }
    }

    private static String task(String taskId) {
        return taskId == null ? "" : " (" + taskId + ")";
    }
}
