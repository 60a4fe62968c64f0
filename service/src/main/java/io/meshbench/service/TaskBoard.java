package io.meshbench.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;
import io.meshbench.protocol.TaskResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The auctions the API lists and follows, folded from the event bus (as the window's auctions view
 * folds them): per task its prompt, its bids, the strategy's rule and reason, the winner, the
 * answer or the failure, and the time split. Bounded: past {@code capacity} tasks, the oldest that
 * have ended are forgotten; a task in flight never is.
 */
final class TaskBoard implements Consumer<MeshEvent> {

    static final int DEFAULT_CAPACITY = 500;

    /** One task as the API shows it; guarded by the board's lock. */
    static final class Task {
        final String id;
        final String prompt;
        final long openedAt;
        final List<String> asked;
        final List<Bid> bids = new ArrayList<>();
        final CompletableFuture<Task> ended = new CompletableFuture<>();
        String state = "bidding";
        String strategy;
        String strategyTitle;
        String rule;
        String reason;
        String winner;
        String closedBy;
        List<String> missing = List.of();
        String device;
        Boolean useNpu;
        String promptType;
        String sentPrompt;
        String status;
        String output;
        String error;
        MeshEvent.Timing timing = MeshEvent.Timing.NONE;
        int promptTokens = -1;
        int completionTokens = -1;
        long deviceRunNanos = -1;
        String retriedAs;

        Task(String id, String prompt, long openedAt, List<String> asked) {
            this.id = id;
            this.prompt = prompt;
            this.openedAt = openedAt;
            this.asked = asked;
        }

        boolean done() {
            return ended.isDone();
        }

        String device() {
            return device;
        }

        String output() {
            return output;
        }

        String error() {
            return error;
        }

        boolean completed() {
            return "completed".equals(state);
        }

        /** Whether the mesh refused it as full: the winner and every bidder after it were busy. */
        boolean busy() {
            String why = error == null ? "" : error;
            return "failed".equals(state) && (why.contains("answered failed: " + TaskResult.BUSY)
                    || why.startsWith("every bidder is full"));
        }
    }

    private final int capacity;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private long opened;

    TaskBoard(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void accept(MeshEvent event) {
        switch (event) {
            case MeshEvent.AuctionOpened e -> {
                tasks.put(e.taskId(), new Task(e.taskId(), e.prompt(), e.time(), e.peers()));
                opened++;
                evict();
            }
            case MeshEvent.BidAccepted e -> find(e.taskId()).ifPresent(t -> t.bids.add(e.bid()));
            case MeshEvent.AuctionClosed e -> find(e.taskId()).ifPresent(t -> {
                t.strategy = e.strategy();
                t.strategyTitle = e.strategyTitle();
                t.rule = e.selection().rule();
                t.reason = e.selection().reason();
                t.winner = e.selection().winner().deviceId();
                t.closedBy = e.closedBy().word();
                t.missing = e.missing();
                t.bids.clear();
                t.bids.addAll(e.bids());
            });
            case MeshEvent.TaskAssigned e -> find(e.taskId()).ifPresent(t -> {
                t.state = "assigned";
                t.device = e.device();
                t.useNpu = e.useNpu();
                t.promptType = e.promptType();
                t.sentPrompt = e.prompt();
            });
            case MeshEvent.TaskExecuted e -> find(e.taskId()).ifPresent(t -> {
                t.promptTokens = e.promptTokens();
                t.completionTokens = e.generatedTokens();
                t.deviceRunNanos = e.elapsedNanos();
            });
            case MeshEvent.TaskCompleted e -> find(e.taskId()).ifPresent(t -> {
                t.state = "completed".equals(e.status()) ? "completed" : "failed";
                t.device = e.device();
                t.status = e.status();
                t.output = e.output();
                if (!"completed".equals(e.status())) {
                    t.error = e.device() + " answered " + e.status() + ": " + e.output();
                }
                t.timing = e.timing();
                t.ended.complete(t);
            });
            case MeshEvent.TaskFailed e -> find(e.taskId()).ifPresent(t -> {
                t.state = "failed";
                t.error = e.reason();
                t.timing = e.timing();
                t.ended.complete(t);
            });
            default -> {
            }
        }
    }

    private Optional<Task> find(String taskId) {
        return Optional.ofNullable(taskId == null ? null : tasks.get(taskId));
    }

    private void evict() {
        Iterator<Task> it = tasks.values().iterator();
        while (tasks.size() > capacity && it.hasNext()) {
            if (it.next().done()) {
                it.remove();
            }
        }
    }

    /** Notes that {@code taskId}, refused as busy, was asked again as {@code next}. */
    synchronized void retried(String taskId, String next) {
        find(taskId).ifPresent(t -> t.retriedAs = next);
    }

    synchronized int size() {
        return tasks.size();
    }

    synchronized long opened() {
        return opened;
    }

    /** The task's end, or empty when the board does not know it. */
    synchronized Optional<CompletableFuture<Task>> ending(String taskId) {
        return find(taskId).map(t -> t.ended);
    }

    /**
     * The task as JSON, once it has ended or {@code wait} has passed (zero: at once); a 404 when the
     * board does not know it.
     */
    ObjectNode follow(String taskId, Duration wait) {
        CompletableFuture<Task> end = ending(taskId).orElseThrow(() -> ApiError.notFound("no task " + taskId
                + " (unknown, or older than the last " + capacity + "); GET /api/tasks lists them"));
        if (!wait.isZero()) {
            try {
                end.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Not ended yet: the task as it is now.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        synchronized (this) {
            Task task = tasks.get(taskId);
            if (task == null) {
                throw ApiError.notFound("task " + taskId + " has just been forgotten (older than the last " + capacity + ")");
            }
            return json(task);
        }
    }

    /** The newest {@code limit} tasks, newest first. */
    synchronized ArrayNode list(int limit) {
        List<Task> all = new ArrayList<>(tasks.values());
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(json(all.get(i)));
        }
        return out;
    }

    /** Must hold the lock. */
    static ObjectNode json(Task t) {
        ObjectNode o = Json.object();
        o.put("task_id", t.id);
        o.put("prompt", t.prompt);
        o.put("state", t.state);
        o.put("opened_at_ms", t.openedAt / 1_000_000);
        ArrayNode asked = o.putArray("asked");
        t.asked.forEach(asked::add);
        ArrayNode bids = o.putArray("bids");
        for (Bid bid : t.bids) {
            ObjectNode b = bids.addObject();
            b.put("device_id", bid.deviceId());
            b.put("has_npu", bid.hasNpu());
            if (bid.cpuLoad().isPresent()) b.put("cpu_load", bid.cpuLoad().getAsDouble()); else b.putNull("cpu_load");
            if (bid.ramLoad().isPresent()) b.put("ram_load", bid.ramLoad().getAsDouble()); else b.putNull("ram_load");
            if (bid.battery().isPresent()) b.put("battery", bid.battery().getAsInt()); else b.putNull("battery");
        }
        o.put("strategy", t.strategy);
        o.put("strategy_title", t.strategyTitle);
        o.put("rule", t.rule);
        o.put("reason", t.reason);
        o.put("winner", t.winner);
        o.put("closed_by", t.closedBy);
        ArrayNode missing = o.putArray("missing");
        t.missing.forEach(missing::add);
        o.put("device_id", t.device);
        if (t.useNpu == null) o.putNull("use_npu"); else o.put("use_npu", t.useNpu);
        o.put("prompt_type", t.promptType);
        o.put("sent_prompt", t.sentPrompt);
        o.put("status", t.status);
        o.put("output", t.output);
        o.put("error", t.error);
        o.put("retried_as", t.retriedAs);
        ObjectNode timing = o.putObject("timing_ms");
        timing.put("bidding", ms(t.timing.bidding()));
        timing.put("selection", ms(t.timing.selection()));
        timing.put("execution", ms(t.timing.execution()));
        timing.put("total", ms(t.timing.total()));
        timing.put("device_run", ms(t.deviceRunNanos));
        timing.put("transfer", ms(t.timing.transfer(t.deviceRunNanos)));
        if (t.promptTokens >= 0) {
            ObjectNode tokens = o.putObject("tokens");
            tokens.put("prompt", t.promptTokens);
            tokens.put("completion", t.completionTokens);
        } else {
            o.putNull("tokens");
        }
        return o;
    }

    private static Double ms(long nanos) {
        return nanos < 0 ? null : Math.round(nanos / 1e4) / 100.0;
    }

    /** Token counts of an ended task: the device's own when it reported them, else estimated. */
    synchronized int[] tokens(Task t, String prompt) {
        if (t.promptTokens >= 0) {
            return new int[]{t.promptTokens, t.completionTokens, 0};
        }
        return new int[]{estimate(prompt), estimate(t.output == null ? "" : t.output), 1};
    }

    /** About four characters a token, as OpenAI's own rule of thumb for English. */
    static int estimate(String text) {
        return text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
    }
}
