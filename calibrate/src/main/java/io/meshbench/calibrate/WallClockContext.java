package io.meshbench.calibrate;

import io.meshbench.plugin.api.PluginContext;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/** The context an engine under calibration gets: the wall clock and a timer thread of its own. */
public final class WallClockContext implements PluginContext, AutoCloseable {

    private final String deviceId;
    private final Map<String, Object> config;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "calibrate-timers");
        t.setDaemon(true);
        return t;
    });

    public WallClockContext(String deviceId, Map<String, Object> config) {
        this.deviceId = deviceId;
        this.config = Map.copyOf(config);
    }

    @Override
    public String deviceId() {
        return deviceId;
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
        return System.getLogger("io.meshbench.calibrate." + deviceId);
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
