package io.meshbench.report;

import io.meshbench.event.MeshEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Follows each task through its events and makes its {@link TaskRow}. Not thread-safe. */
final class TaskTracker {

    private static final class Task {
        final String id;
        String orchestrator = "";
        long opened = -1;
        String strategy = "";
        String closedBy = "";
        int bids;
        String device = "";
        boolean npu;
        String status = TaskRow.UNFINISHED;
        String reason = "";
        MeshEvent.Timing timing = MeshEvent.Timing.NONE;
        long deviceExecution = -1;
        int promptTokens;
        int generatedTokens;

        Task(String id) {
            this.id = id;
        }
    }

    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final List<Long> latencies = new ArrayList<>();

    private Task task(String id) {
        return tasks.computeIfAbsent(id, Task::new);
    }

    /** Takes the event if it is about the course of a task. */
    void accept(MeshEvent event) {
        switch (event) {
            case MeshEvent.AuctionOpened e -> {
                Task t = task(e.taskId());
                t.orchestrator = e.node();
                t.opened = e.time();
            }
            case MeshEvent.AuctionClosed e -> {
                Task t = task(e.taskId());
                t.strategy = e.strategy();
                t.closedBy = e.closedBy();
                t.bids = e.bids().size();
            }
            case MeshEvent.TaskAssigned e -> {
                Task t = task(e.taskId());
                t.device = e.device();
                t.npu = e.useNpu();
            }
            case MeshEvent.TaskExecuted e -> {
                Task t = tasks.get(e.taskId());
                if (t != null) { // a device's run of a task its orchestrator is not in this stream is not a task of the run
                    t.deviceExecution = e.elapsedNanos();
                    t.promptTokens = e.promptTokens();
                    t.generatedTokens = e.generatedTokens();
                }
            }
            case MeshEvent.TaskCompleted e -> {
                Task t = task(e.taskId());
                t.device = e.device();
                t.timing = e.timing();
                if (TaskRow.COMPLETED.equals(e.status())) {
                    t.status = TaskRow.COMPLETED;
                    latencies.add(e.timing().total());
                } else {
                    t.status = TaskRow.FAILED;
                    t.reason = e.device() + " reported " + e.status()
                            + (e.output() == null || e.output().isBlank() ? "" : ": " + firstLine(e.output()));
                }
            }
            case MeshEvent.TaskFailed e -> {
                Task t = task(e.taskId());
                t.status = TaskRow.FAILED;
                t.reason = e.reason();
                t.timing = e.timing();
            }
            default -> {
            }
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    List<TaskRow> rows(long runStart) {
        List<TaskRow> rows = new ArrayList<>(tasks.size());
        for (Task t : tasks.values()) {
            MeshEvent.Timing timing = t.timing;
            long transfer = timing.transfer(t.deviceExecution);
            rows.add(new TaskRow(t.id, t.orchestrator, t.opened < 0 ? -1 : t.opened - runStart, t.status, t.reason,
                    t.strategy, t.bids, t.closedBy, t.device, t.npu, timing.bidding(), timing.selection(),
                    t.deviceExecution, transfer, timing.total(), t.promptTokens, t.generatedTokens));
        }
        return rows;
    }

    List<Long> latencies() {
        return List.copyOf(latencies);
    }
}
