package io.meshbench.live;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The inputs of one state machine, run one at a time in the order they arrive, never two at once.
 * No thread waits on the mailbox for work: the thread that brings an input to an idle mailbox (a
 * connection's reader, a caller) runs it at once, then whatever arrived meanwhile. So a message read
 * off a socket is handled on the thread that read it, with no hand-off to another thread and no
 * wake-up to wait for. The node's own thread takes over what is left when a runner has run
 * {@link #BUDGET} inputs in a row (so that a reader gets back to its socket) and for the inputs that
 * must not run where they were brought ({@link #post}: a timer's thread serves every node).
 *
 * <p>When a runner stops, and after every {@link #FLUSH_EVERY} inputs in a row, it runs the node's
 * idle action: the outbox writes what the inputs sent, one write per peer.
 *
 * <p>Ownership is one atomic flag: whoever sets it runs the inputs, and the flag's release and
 * acquisition order everything one runner did before everything the next one does, so the state
 * machine needs no locks of its own.
 */
final class Mailbox {

    /** Hears what went wrong with an input; called on the thread that ran it. */
    interface Trouble {
        void failed(RuntimeException e);

        void full(int limit);
    }

    /** Inputs one runner takes in a row before the node's thread takes over the rest. */
    static final int BUDGET = 64;
    /** Inputs run in a row before what they held is flushed even though more wait (a node that never idles). */
    static final int FLUSH_EVERY = 16;

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean owned = new AtomicBoolean();
    private final int limit;
    private final Trouble trouble;
    private final Thread worker;
    /** Run by the runner when it stops running inputs (before it lets go): the node flushes what it held. */
    private volatile Runnable idle = () -> { };
    /** The thread running inputs now, or {@code null}. */
    private volatile Thread runner;
    /** Inputs run since the last flush; touched only by the runner. */
    private int sinceFlush;
    private volatile boolean handedOver;
    private volatile boolean open = true;

    Mailbox(String name, int limit, Trouble trouble) {
        this.limit = limit;
        this.trouble = trouble;
        this.worker = Thread.ofVirtual().name(name).start(this::work);
    }

    /** Sets what runs when a runner stops running inputs, on its thread, before it lets the mailbox go. */
    void onIdle(Runnable action) {
        this.idle = action;
    }

    /** Whether this thread is running the node's inputs now. */
    boolean runningHere() {
        return runner == Thread.currentThread();
    }

    /** Queues {@code input}, and runs it here and now if nothing else is running. */
    void run(Runnable input) {
        if (offer(input) && owned.compareAndSet(false, true)) {
            runHere(BUDGET);
        }
    }

    /** Queues {@code input} for the node's thread, or for the runner at work now; never runs it on the caller's. */
    void post(Runnable input) {
        if (offer(input) && owned.compareAndSet(false, true)) {
            handOver();
        }
    }

    private boolean offer(Runnable input) {
        if (!open) {
            return false;
        }
        if (size.incrementAndGet() > limit) {
            size.decrementAndGet();
            trouble.full(limit);
            return false;
        }
        queue.offer(input);
        return true;
    }

    /** Runs inputs while this thread owns the mailbox; returns having released it or handed it over. */
    private void runHere(int budget) {
        boolean released = false;
        runner = Thread.currentThread();
        try {
            int left = budget;
            while (true) {
                Runnable next = queue.poll();
                if (next == null) {
                    stopping();
                    owned.set(false);
                    // An input queued after the poll but before the release found the mailbox owned: take it.
                    if (queue.isEmpty() || !owned.compareAndSet(false, true)) {
                        released = true;
                        return;
                    }
                    runner = Thread.currentThread();
                    continue;
                }
                size.decrementAndGet();
                try {
                    next.run();
                } catch (RuntimeException e) {
                    trouble.failed(e);
                }
                if (++sinceFlush >= FLUSH_EVERY) {
                    flushHeld();
                }
                if (--left <= 0 && !queue.isEmpty()) {
                    stopping();
                    handOver();
                    released = true;
                    return;
                }
            }
        } finally {
            if (!released) {
                runner = null;
                owned.set(false); // an Error escaped an input: do not leave the mailbox locked forever
            }
        }
    }

    /** This runner stops: what the inputs held leaves now, still in their order. */
    private void stopping() {
        flushHeld();
        runner = null;
    }

    private void flushHeld() {
        sinceFlush = 0;
        try {
            idle.run();
        } catch (RuntimeException e) {
            trouble.failed(e);
        }
    }

    /** Gives the owned mailbox to the node's thread. */
    private void handOver() {
        handedOver = true;
        LockSupport.unpark(worker);
    }

    private void work() {
        while (true) {
            if (handedOver) {
                handedOver = false;
                runHere(Integer.MAX_VALUE);
            } else if (!open) {
                return;
            } else {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    /** Inputs waiting now. */
    int waiting() {
        return size.get();
    }

    /**
     * Takes no more inputs and waits up to {@code millis} for the node's thread to run what was queued
     * before and end.
     */
    void close(long millis) throws InterruptedException {
        open = false;
        if (owned.compareAndSet(false, true)) {
            handOver(); // whatever is still queued runs on the node's thread before it ends
        }
        LockSupport.unpark(worker);
        worker.join(millis);
    }
}
