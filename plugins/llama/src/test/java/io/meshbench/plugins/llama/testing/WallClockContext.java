package io.meshbench.plugins.llama.testing;

import io.meshbench.plugin.api.PluginContext;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/** A plugin context on the wall clock, with its own timer thread, for engine tests. */
public final class WallClockContext implements PluginContext, AutoCloseable {

    private final Map<String, Object> config;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-timers");
        t.setDaemon(true);
        return t;
    });

    public WallClockContext(Map<String, Object> config) {
        this.config = config;
    }

    @Override
    public String deviceId() {
        return "Device_B";
    }

    @Override
    public Map<String, Object> config() {
        return config;
    }

    @Override
    public long nowNanos() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        var f = timers.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("test");
    }

    @Override
    public RandomGenerator random() {
        return new SplittableRandom(1);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
