package io.meshbench.plugin.check;

import io.meshbench.plugin.api.PluginContext;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The context the conformance checks hand a plugin: like a live node's (wall clock, real timers on
 * one thread), with a fixed seed so that two runs of the checks see the same random stream.
 */
final class CheckContext implements PluginContext, AutoCloseable {

    static final String DEVICE = "check-device";

    private final Map<String, Object> config;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plugin-check-timer");
        t.setDaemon(true);
        return t;
    });
    private final long epochBase = System.currentTimeMillis() * 1_000_000L;
    private final long nanoBase = System.nanoTime();
    private final RandomGenerator random = new SplittableRandom(42);

    CheckContext(Map<String, Object> config) {
        this.config = Map.copyOf(config);
    }

    @Override
    public String deviceId() {
        return DEVICE;
    }

    @Override
    public Map<String, Object> config() {
        return config;
    }

    @Override
    public long nowNanos() {
        return epochBase + (System.nanoTime() - nanoBase);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        var future = timers.schedule(action, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("meshbench.plugin-check");
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
