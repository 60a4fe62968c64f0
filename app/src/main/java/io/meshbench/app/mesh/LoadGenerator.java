package io.meshbench.app.mesh;

import io.meshbench.live.MeshSession;
import io.meshbench.auction.PromptRequest;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Submits prompts at a steady rate, for watching (and measuring) a busy mesh. */
public final class LoadGenerator implements AutoCloseable {

    private static final String[] PROMPTS = {
            "Describe a beautiful sunset over the ocean", "Summarise today's notes", "Translate 'good morning'",
            "Write a haiku about phones", "List three uses of an NPU"};

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "meshbench-load");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong submitted = new AtomicLong();

    /** @param perSecond auctions a second, above 0 */
    public LoadGenerator(MeshSession session, double perSecond) {
        if (!(perSecond > 0) || perSecond > 10_000) {
            throw new IllegalArgumentException("--load must be between 0 and 10000 auctions a second, got " + perSecond);
        }
        long periodNanos = (long) (1e9 / perSecond);
        timer.scheduleAtFixedRate(() -> {
            long n = submitted.incrementAndGet();
            session.submit(PromptRequest.of(PROMPTS[(int) (n % PROMPTS.length)]));
        }, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    public long submitted() {
        return submitted.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
