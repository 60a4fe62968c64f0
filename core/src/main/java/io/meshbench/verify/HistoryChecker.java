package io.meshbench.verify;

import io.meshbench.event.MeshEvent;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks a recorded history (the event stream, live or read back) against what the mesh promises,
 * in the manner of a Jepsen checker: every task ends exactly once; no answer is delivered twice; no
 * result is accepted from a device that was not running the task's current attempt; every failure
 * carries a reason. It folds the events as they come, in O(tasks in flight) memory plus a bit per
 * ended task, so that it can follow a million tasks. Thread-safe.
 */
public final class HistoryChecker implements Consumer<MeshEvent> {

    /** At most this many violations are kept with their words; all are counted. */
    private static final int KEPT = 20;

    /** A task in flight: the device of its current attempt, and whether that attempt still counts. */
    private static final class Open {
        String device;
        boolean attemptOpen;
        int attempts;
    }

    /**
     * What one orchestrator has: its tasks in flight by task id, and its ended tasks by the sequence
     * number of MeshBench's task ids ({@code task_N_hex}); one lookup of the orchestrator per event.
     */
    private static final class OfNode {
        final Map<String, Open> open = new HashMap<>();
        final BitSet endedBySeq = new BitSet();
    }

    /** Per orchestrator: no key is built per event. */
    private final Map<String, OfNode> nodes = new HashMap<>();
    private long openCount;
    /** Ended tasks whose ids have another form. */
    private final Set<String> endedOther = new HashSet<>();
    private final List<String> violations = new ArrayList<>();
    private long violationCount;
    private long tasks;
    private long completed;
    private long failed;
    private long attemptsFailed;
    private long failovers;
    private long lateResults;

    @Override
    public synchronized void accept(MeshEvent event) {
        switch (event) {
            case MeshEvent.AuctionOpened e -> {
                OfNode ofNode = nodes.get(e.node());
                if (ofNode == null) {
                    ofNode = new OfNode();
                    nodes.put(e.node(), ofNode);
                }
                if (ofNode.open.containsKey(e.taskId()) || ended(ofNode, e.node(), e.taskId())) {
                    violation(e.taskId() + " was opened twice by " + e.node());
                } else {
                    ofNode.open.put(e.taskId(), new Open());
                    openCount++;
                    tasks++;
                }
            }
            case MeshEvent.TaskAssigned e -> {
                Open task = openTask(e.node(), e.taskId());
                if (task == null) {
                    violation(e.taskId() + " was assigned to " + e.device() + " but is not in flight");
                } else {
                    task.device = e.device();
                    task.attemptOpen = true;
                    task.attempts++;
                }
            }
            case MeshEvent.AttemptFailed e -> {
                attemptsFailed++;
                if (!e.next().startsWith("none")) {
                    failovers++;
                }
                if (e.reason() == null || e.detail() == null || e.detail().isBlank()) {
                    violation("attempt " + e.attempt() + " of " + e.taskId() + " failed without a reason");
                }
                Open task = openTask(e.node(), e.taskId());
                if (task != null) {
                    task.attemptOpen = false;
                }
            }
            case MeshEvent.LateResult e -> lateResults++;
            case MeshEvent.TaskCompleted e -> {
                Open task = end(e.node(), e.taskId(), "completed by " + e.device());
                if (task != null && (!task.attemptOpen || !e.device().equals(task.device))) {
                    violation(e.taskId() + ": a RESULT from " + e.device() + " was delivered, but the current attempt "
                            + (task.device == null ? "was never assigned" : task.attemptOpen
                            ? "ran on " + task.device : "on " + task.device + " had failed"));
                }
                completed++;
            }
            case MeshEvent.TaskFailed e -> {
                end(e.node(), e.taskId(), "failed");
                if (e.reason() == null || e.reason().isBlank()) {
                    violation(e.taskId() + " failed without a reason");
                }
                failed++;
            }
            default -> {
            }
        }
    }

    private Open end(String node, String taskId, String how) {
        OfNode ofNode = nodes.get(node);
        Open task = ofNode == null ? null : ofNode.open.remove(taskId);
        if (task != null) {
            openCount--;
        }
        if (task == null) {
            violation(ended(ofNode, node, taskId) ? taskId + " ended twice (" + how + " after it had ended): an answer "
                    + "delivered twice" : taskId + " " + how + " but was never opened");
            return null;
        }
        markEnded(ofNode, node, taskId);
        return task;
    }

    private Open openTask(String node, String taskId) {
        OfNode ofNode = nodes.get(node);
        return ofNode == null ? null : ofNode.open.get(taskId);
    }

    private static String key(String node, String taskId) {
        return node + '\u0000' + taskId;
    }

    private static int seq(String taskId) {
        if (!taskId.startsWith("task_")) {
            return -1;
        }
        int end = taskId.indexOf('_', 5);
        if (end < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(taskId, 5, end, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether {@code node}'s task has ended; {@code ofNode} is what the node has, or null if nothing. */
    private boolean ended(OfNode ofNode, String node, String taskId) {
        int seq = seq(taskId);
        if (seq >= 0) {
            return ofNode != null && ofNode.endedBySeq.get(seq);
        }
        return endedOther.contains(key(node, taskId));
    }

    private void markEnded(OfNode ofNode, String node, String taskId) {
        int seq = seq(taskId);
        if (seq >= 0) {
            ofNode.endedBySeq.set(seq);
        } else {
            endedOther.add(key(node, taskId));
        }
    }

    private void violation(String what) {
        violationCount++;
        if (violations.size() < KEPT) {
            violations.add(what);
        }
    }

    /** What the history shows so far; tasks still open count as lost once the run is over. */
    public synchronized Verdict verdict() {
        return new Verdict(tasks, completed, failed, openCount, attemptsFailed, failovers, lateResults,
                violationCount, List.copyOf(violations));
    }

    /**
     * @param tasks          tasks opened
     * @param completed      tasks that ended with a device's answer
     * @param failed         tasks that ended without one
     * @param unfinished     tasks not ended (lost, if the run is over)
     * @param attemptsFailed attempts that failed
     * @param failovers      failed attempts followed by another attempt
     * @param lateResults    results of attempts given up on, recorded and not delivered
     * @param violationCount broken promises
     * @param violations     the first of them, in words
     */
    public record Verdict(long tasks, long completed, long failed, long unfinished, long attemptsFailed, long failovers,
                          long lateResults, long violationCount, List<String> violations) {

        /** No promise broken and no task left without an end. */
        public boolean valid() {
            return violationCount == 0 && unfinished == 0;
        }

        public String describe() {
            return tasks + " tasks: " + completed + " answered, " + failed + " failed, " + unfinished + " unfinished; "
                    + attemptsFailed + " attempts failed, " + failovers + " failovers, " + lateResults
                    + " late results kept back; " + (violationCount == 0 ? "no violation"
                    : violationCount + " violations, e.g. " + String.join("; ", violations));
        }
    }
}
