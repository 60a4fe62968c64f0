package io.meshbench.history;

import io.meshbench.event.MeshEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Puts every task of an event stream into the history: subscribe it to an {@code EventBus} (a live
 * mesh, a scenario run) or feed it a recording or a phone's log. It follows each task from its
 * {@code AuctionOpened} to its end, with its auction (strategy, rule, bids), queueing, winner, NPU or
 * CPU, the device's own run and tokens when the device's events are seen, and hands the finished
 * row to a writer thread of its own, which writes in batches, one transaction each. Thread-safe.
 *
 * <p>With source {@code phone-log} (a phone agent's log, which sees only its own side) a task is
 * kept from the device's {@code TaskStarted} to its {@code TaskExecuted}: device, NPU or CPU, status and
 * the device's run time. Virtual-time events (a scenario) are moved to the wall clock of the moment
 * the run was recorded, keeping their spacing, so that time windows select them as other runs.
 *
 * <p>{@code lossless}: the stream waits when the writer falls behind (scenarios, imports); otherwise
 * (a live mesh, whose node threads must not wait on a disk) rows beyond {@value #BACKLOG} waiting are
 * dropped and counted ({@link #dropped()}).
 */
public final class HistoryRecorder implements Consumer<MeshEvent>, AutoCloseable {

    static final int BACKLOG = 100_000;
    private static final int MAX_PENDING = 200_000;
    private static final TaskRecord STOP = new TaskRecord("", "", 0, null, null, "", null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    /** A task between its bid request and its end. */
    private static final class Pending {
        String orchestrator;
        long openedNanos;
        int promptTokens;
        String strategy;
        String rule;
        Integer bids;
        String priority;
        long queuedAt = -1;
        long queueWait = -1;
        String device;
        Boolean npu;
        Integer ahead;
        Double deviceMs;
        Integer generatedTokens;
        Integer promptTokensSeen;
    }

    private final HistoryStore store;
    private final String source;
    private final boolean lossless;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Integer> outstanding = new HashMap<>();
    /** Device side (phone logs): task id to {orchestrator, start nanos, npu}. */
    private final Map<String, Object[]> started = new LinkedHashMap<>();
    private final boolean deviceSide;
    private final boolean virtualTime;
    private long offsetNanos;
    private boolean offsetSet;
    private final BlockingQueue<TaskRecord> queue = new ArrayBlockingQueue<>(BACKLOG);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile RuntimeException failure;
    private boolean closed;

    /**
     * @param store    where to write; closed with this recorder
     * @param source   {@code live}, {@code scenario}, {@code recording}, {@code phone-log}
     * @param lossless wait rather than drop when the writer falls behind
     */
    public HistoryRecorder(HistoryStore store, String source, boolean lossless) {
        this.store = store;
        this.source = source;
        this.lossless = lossless;
        this.deviceSide = source.equals("phone-log");
        this.virtualTime = source.equals("scenario");
        this.writer = new Thread(this::write, "meshbench-history");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public synchronized void accept(MeshEvent event) {
        if (closed) {
            return;
        }
        if (virtualTime && !offsetSet) {
            offsetSet = true;
            offsetNanos = System.currentTimeMillis() * 1_000_000L - event.time();
        }
        if (deviceSide) {
            deviceSide(event);
            return;
        }
        switch (event) {
            case MeshEvent.AuctionOpened e -> {
                Pending p = new Pending();
                p.orchestrator = e.node();
                p.openedNanos = e.time();
                p.promptTokens = Math.max(1, (e.prompt().length() + 3) / 4);
                pending.put(e.taskId(), p);
                if (pending.size() > MAX_PENDING) { // tasks whose end was never seen: forget the oldest
                    pending.remove(pending.keySet().iterator().next());
                }
            }
            case MeshEvent.AuctionClosed e -> with(e.taskId(), p -> {
                p.strategy = e.strategy();
                p.rule = e.selection().rule();
                p.bids = e.bids().size();
            });
            case MeshEvent.TaskQueued e -> with(e.taskId(), p -> {
                release(p); // refused as busy: back in the queue, no longer at that device
                p.device = null;
                p.priority = e.priority();
                if (p.queuedAt < 0) {
                    p.queuedAt = e.time();
                }
            });
            case MeshEvent.TaskDequeued e -> with(e.taskId(), p -> p.queueWait = e.waitedNanos());
            case MeshEvent.TaskAssigned e -> with(e.taskId(), p -> {
                release(p);
                p.device = e.device();
                p.npu = e.useNpu();
                String key = p.orchestrator + "\u0000" + e.device();
                p.ahead = outstanding.getOrDefault(key, 0);
                outstanding.merge(key, 1, Integer::sum);
            });
            case MeshEvent.TaskExecuted e -> with(e.taskId(), p -> {
                p.deviceMs = e.elapsedNanos() / 1e6;
                p.generatedTokens = e.generatedTokens() >= 0 ? e.generatedTokens() : null;
                p.promptTokensSeen = e.promptTokens() > 0 ? e.promptTokens() : null;
            });
            case MeshEvent.TaskCompleted e -> end(e.taskId(), e.time(), "completed".equals(e.status()) ? "completed"
                    : "failed", "completed".equals(e.status()) ? null : e.device() + " returned " + e.status() + ": "
                    + e.output(), e.timing());
            case MeshEvent.TaskFailed e -> end(e.taskId(), e.time(), "failed", e.reason(), e.timing());
            default -> {
            }
        }
    }

    private void deviceSide(MeshEvent event) {
        switch (event) {
            case MeshEvent.TaskStarted e -> {
                started.put(e.node() + "\u0000" + e.taskId(), new Object[] {e.orchestrator(), e.time(), e.useNpu()});
                if (started.size() > MAX_PENDING) {
                    started.remove(started.keySet().iterator().next());
                }
            }
            case MeshEvent.TaskExecuted e -> {
                Object[] s = started.remove(e.node() + "\u0000" + e.taskId());
                long opened = s != null ? (long) s[1] : e.time() - Math.max(0, e.elapsedNanos());
                boolean ok = e.status() == io.meshbench.plugin.api.SlmResult.Status.COMPLETED;
                offer(new TaskRecord(e.taskId(), s != null ? (String) s[0] : "(unknown)", opened / 1_000_000,
                        e.node(), s != null ? (Boolean) s[2] : null, ok ? "completed" : "failed",
                        ok ? null : e.error(), null, null, e.promptTokens() > 0 ? e.promptTokens() : null,
                        e.generatedTokens() >= 0 ? e.generatedTokens() : null, null, null, null, null, null, null,
                        e.elapsedNanos() >= 0 ? e.elapsedNanos() / 1e6 : null, source));
            }
            default -> {
            }
        }
    }

    private void with(String taskId, Consumer<Pending> action) {
        Pending p = pending.get(taskId);
        if (p != null) {
            action.accept(p);
        }
    }

    private void release(Pending p) {
        if (p.device != null) {
            outstanding.computeIfPresent(p.orchestrator + "\u0000" + p.device, (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    private void end(String taskId, long time, String status, String reason, MeshEvent.Timing timing) {
        Pending p = pending.remove(taskId);
        if (p == null) {
            return;
        }
        release(p);
        long wait = p.queueWait >= 0 ? p.queueWait : p.queuedAt >= 0 ? time - p.queuedAt : -1;
        TaskRecord row = new TaskRecord(taskId, p.orchestrator, (p.openedNanos + offsetNanos) / 1_000_000, p.device,
                p.npu, status,
                reason, timing.total() >= 0 ? timing.total() / 1e6 : null,
                timing.execution() >= 0 ? timing.execution() / 1e6 : null,
                p.promptTokensSeen != null ? p.promptTokensSeen : p.promptTokens, p.generatedTokens, p.strategy, p.rule,
                p.bids, p.priority != null ? p.priority : "normal", wait >= 0 ? wait / 1e6 : null, p.ahead, p.deviceMs,
                source);
        offer(row);
    }

    private void offer(TaskRecord row) {
        if (lossless) {
            try {
                queue.put(row);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dropped.incrementAndGet();
            }
        } else if (!queue.offer(row)) {
            dropped.incrementAndGet();
        }
    }

    private void write() {
        List<TaskRecord> batch = new ArrayList<>();
        while (true) {
            try {
                TaskRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 4_999);
                boolean stop = batch.remove(STOP);
                if (failure == null) {
                    try {
                        store.insert(batch);
                        written.addAndGet(batch.size());
                    } catch (RuntimeException e) {
                        failure = e;
                        System.err.println("meshbench: history: " + e.getMessage() + "; no more tasks are kept");
                    }
                }
                if (failure != null) {
                    dropped.addAndGet(batch.size());
                }
                batch.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Rows written so far. */
    public long written() {
        return written.get();
    }

    /** Rows not written: the writer fell behind a live mesh, or the file failed. */
    public long dropped() {
        return dropped.get();
    }

    /** The write that failed, if one did. */
    public RuntimeException failure() {
        return failure;
    }

    public HistoryStore store() {
        return store;
    }

    /** Writes what is waiting, stops the writer and closes the file; tasks still running are not kept. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            queue.put(STOP);
            writer.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            store.close();
        }
    }
}
