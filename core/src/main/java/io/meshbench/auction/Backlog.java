package io.meshbench.auction;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.PluginContext.Cancellable;
import io.meshbench.runtime.MeshContext;
import io.meshbench.schedule.QueueSettings;
import io.meshbench.schedule.TaskQueue;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The orchestrator's tasks that wait: those no device could take yet, in a {@link TaskQueue} (by
 * priority, with aging), and the deadlines of prompts that have one. It asks the orchestrator to
 * run a task's auction again when a device of ours has room (a task ended) and, while anything
 * waits, every {@link QueueSettings#retry()}; a task that waited its limit, or whose deadline
 * passed, is failed through the orchestrator. Kept apart so that the orchestrator's own task
 * lifecycle has only a few hooks into it: {@link #offer}, {@link #ended}, {@link #watchDeadline}.
 * On the orchestrator's thread, like the orchestrator.
 */
final class Backlog {

    /** What the backlog needs of its orchestrator. */
    interface Host {
        MeshContext context();

        /** The orchestrator's result timeout: how long a task without a deadline may wait by default. */
        Duration resultTimeout();

        /** Whether {@code auction} is still in flight at the orchestrator. */
        boolean inFlight(Auction auction);

        /** Ends {@code auction} as failed. */
        void fail(Auction auction, String reason);

        /** Runs {@code auction}'s bidding again, with a fresh round of bidders. */
        void askAgain(Auction auction);
    }

    private final Host host;
    private QueueSettings settings = QueueSettings.DEFAULT;
    private TaskQueue<Auction> waiting = newQueue(settings);
    private Cancellable retryTimer;

    Backlog(Host host) {
        this.host = host;
    }

    void setSettings(QueueSettings settings) {
        if (!waiting.isEmpty()) {
            throw new IllegalStateException("tasks are waiting in the queue; set the queue up before the first prompt");
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.waiting = newQueue(settings);
    }

    private static TaskQueue<Auction> newQueue(QueueSettings settings) {
        return new TaskQueue<>(settings.aging(), Math.max(1, settings.capacity()));
    }

    int size() {
        return waiting.size();
    }

    /** Why a task that found no room fails when the queue cannot take it either. */
    String whyNotQueued(String reason) {
        return reason + (settings.capacity() == 0 ? "" : " and the queue is full (" + waiting.size() + " tasks wait)");
    }

    /** Puts {@code auction} in the queue (or back in it, with its place); false when there is no room. */
    boolean offer(Auction auction, String reason) {
        MeshContext ctx = host.context();
        long since = auction.queuedSince >= 0 ? auction.queuedSince : ctx.now();
        if (settings.capacity() == 0 || !waiting.offer(auction, auction.request.priority(), since)) {
            return false;
        }
        auction.queuedSince = since;
        auction.state = Auction.State.QUEUED;
        Duration maxWait = settings.maxWait() != null ? settings.maxWait() : host.resultTimeout();
        long left = maxWait.toNanos() - (ctx.now() - since);
        auction.timer = ctx.schedule(Duration.ofNanos(Math.max(0, left)), () -> {
            if (host.inFlight(auction) && auction.state == Auction.State.QUEUED) {
                host.fail(auction, "waited " + Orchestrator.seconds(maxWait) + " in the queue and no device could take it ("
                        + reason + ")");
            }
        });
        ctx.emit(new MeshEvent.TaskQueued(ctx.now(), ctx.self(), auction.taskId, auction.request.priority().label(),
                waiting.size(), reason));
        if (retryTimer == null) {
            retryTimer = ctx.schedule(settings.retry(), this::retry);
        }
        return true;
    }

    /** {@code auction} ended: it waits no more, and if it ran at a device, that device has room. */
    void ended(Auction auction) {
        if (auction.deadlineTimer != null) {
            auction.deadlineTimer.cancel();
        }
        boolean wasWaiting = waiting.remove(auction).isPresent();
        if (!wasWaiting && auction.state == Auction.State.ASSIGNED && !waiting.isEmpty()) {
            host.context().post(this::serve);
        }
    }

    /** Ends {@code auction} when its request's deadline passes, wherever it is then. */
    void watchDeadline(Auction auction, Supplier<String> winner) {
        Duration deadline = auction.request.deadline();
        if (deadline == null) {
            return;
        }
        auction.deadlineTimer = host.context().schedule(deadline, () -> {
            if (!host.inFlight(auction)) {
                return;
            }
            String where = switch (auction.state) {
                case QUEUED -> "while it waited in the queue";
                case BIDDING -> "while it was asking for bids";
                case ASSIGNED -> "while " + winner.get() + " ran it";
                case BACKING_OFF -> "while it waited to be tried again";
            };
            host.fail(auction, "deadline of " + Orchestrator.seconds(deadline) + " passed " + where);
        });
    }

    private void retry() {
        retryTimer = null;
        serve();
        if (!waiting.isEmpty() && retryTimer == null) {
            retryTimer = host.context().schedule(settings.retry(), this::retry);
        }
    }

    /** The task first in the queue asks for bids again. */
    private void serve() {
        waiting.poll().ifPresent(w -> {
            MeshContext ctx = host.context();
            Auction auction = w.task();
            auction.cancelTimer();
            ctx.emit(new MeshEvent.TaskDequeued(ctx.now(), ctx.self(), auction.taskId, w.priority().label(),
                    w.waited(ctx.now()), waiting.size()));
            host.askAgain(auction);
        });
    }

    void stop() {
        if (retryTimer != null) {
            retryTimer.cancel();
            retryTimer = null;
        }
    }
}
