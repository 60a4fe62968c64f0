package io.meshbench.plugins.procfs;

import io.meshbench.plugin.api.MetricSample;
import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.PluginContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The procfs source against this machine's own /proc, and against a made-up one for the edge cases. */
class ProcfsMetricsProviderTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private PluginContext context(Map<String, Object> config) {
        return new PluginContext() {
            public String deviceId() { return "Device_B"; }
            public Map<String, Object> config() { return config; }
            public long nowNanos() { return System.nanoTime(); }
            public Cancellable schedule(Duration delay, Runnable action) {
                var f = timers.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }
            public System.Logger logger() { return System.getLogger("test"); }
            public RandomGenerator random() { return new SplittableRandom(1); }
        };
    }

    private static CpuTimes stat() throws Exception {
        return CpuTimes.parse(Files.readString(Path.of("/proc/stat")), System.nanoTime());
    }

    /** A context whose clock and timers the test drives: no sleeping, no load of the machine involved. */
    private static final class ManualContext implements PluginContext {
        final Map<String, Object> config;
        long now;
        Runnable pending;

        ManualContext(Map<String, Object> config) {
            this.config = config;
        }

        public String deviceId() { return "Device_B"; }
        public Map<String, Object> config() { return config; }
        public long nowNanos() { return now; }
        public Cancellable schedule(Duration delay, Runnable action) {
            pending = action;
            return () -> pending = null;
        }
        public System.Logger logger() { return System.getLogger("test"); }
        public RandomGenerator random() { return new SplittableRandom(1); }

        /** Moves the clock on by {@code millis} and runs the tick that was due. */
        void tick(long millis) {
            now += millis * 1_000_000L;
            Runnable due = pending;
            pending = null;
            due.run();
        }
    }

    @Test
    void cpuLoadIsOverTheLastWindowOfTicks() throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(proc.resolve("meminfo"), "MemTotal: 1000 kB\nMemAvailable: 500 kB\n");
        long[] busyIdle = {0, 0};
        Runnable write = () -> {
            try {
                Files.writeString(proc.resolve("stat"), "cpu  " + busyIdle[0] + " 0 0 " + busyIdle[1] + " 0 0 0 0 0 0\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        write.run();
        ManualContext ctx = new ManualContext(Map.of("proc", proc.toString(), "sys", dir.resolve("none").toString(),
                "window_ms", 400, "tick_ms", 100));
        MetricSource source = new ProcfsMetricsProvider().create(ctx);
        for (int i = 0; i < 10; i++) { // one idle second: 100 idle ticks of the kernel's per 100 ms
            busyIdle[1] += 100;
            write.run();
            ctx.tick(100);
        }
        assertEquals(0.0, source.sample().cpuLoad().orElseThrow(), 1e-9, "idle");
        for (int i = 0; i < 4; i++) { // then 400 ms of one core busy of two
            busyIdle[0] += 50;
            busyIdle[1] += 50;
            write.run();
            ctx.tick(100);
        }
        assertEquals(0.5, source.sample().cpuLoad().orElseThrow(), 1e-9,
                "the last 400 ms only: the idle second before is out of the window");
        for (int i = 0; i < 2; i++) { // 200 ms fully busy
            busyIdle[0] += 100;
            write.run();
            ctx.tick(100);
        }
        assertEquals((100 + 200) / 400.0, source.sample().cpuLoad().orElseThrow(), 1e-9,
                "half the window at 50%, half at 100%");
        source.close();
        assertEquals(null, ctx.pending, "closing stops the ticks");
    }

    @Test
    void thisMachinesProcStatGivesALoad() throws Exception {
        MetricSource source = new ProcfsMetricsProvider().create(context(Map.of("window_ms", 400, "tick_ms", 50)));
        try {
            // The kernel's counters move every 10 ms: sample until two readings of the real /proc/stat differ.
            java.util.OptionalDouble load = source.sample().cpuLoad();
            for (int i = 0; i < 100 && load.isEmpty(); i++) {
                Thread.sleep(20);
                load = source.sample().cpuLoad();
            }
            double share = load.orElseThrow(() -> new AssertionError("no CPU load from this machine's /proc/stat in 2 s"));
            assertTrue(share >= 0 && share <= 1, "a share of the CPU: " + share);
        } finally {
            source.close();
        }
    }

    @Test
    void ramLoadIsOneMinusAvailableOverTotalAndBatteryIsUnknownWithoutOne() throws Exception {
        MetricSource source = new ProcfsMetricsProvider().create(context(Map.of()));
        MetricSample sample = source.sample();
        long total = 0;
        long available = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) total = Long.parseLong(line.replaceAll("\\D", ""));
            if (line.startsWith("MemAvailable:")) available = Long.parseLong(line.replaceAll("\\D", ""));
        }
        assertEquals(1.0 - (double) available / total, sample.ramLoad().orElseThrow(), 0.05);
        boolean hasBattery = false;
        Path supplies = Path.of("/sys/class/power_supply");
        if (Files.isDirectory(supplies)) {
            try (var list = Files.list(supplies)) {
                hasBattery = list.anyMatch(p -> Files.exists(p.resolve("capacity")));
            }
        }
        if (!hasBattery) {
            assertTrue(sample.battery().isEmpty(), "no battery here, so none is invented: " + sample);
        }
        source.close();
    }

    @Test
    void aFakeMachineWithABatteryAndNoMemAvailable() throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Path sys = dir.resolve("sys");
        Files.createDirectories(sys.resolve("class/power_supply/AC"));
        Files.writeString(sys.resolve("class/power_supply/AC/type"), "Mains\n");
        Files.createDirectories(sys.resolve("class/power_supply/battery"));
        Files.writeString(sys.resolve("class/power_supply/battery/type"), "Battery\n");
        Files.writeString(sys.resolve("class/power_supply/battery/capacity"), "85\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:  1000 kB\nMemFree:  100 kB\n");
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 2 3 4\n");
        Map<String, Object> config = new HashMap<>(Map.of("proc", proc.toString(), "sys", sys.toString(), "window_ms", 10_000));
        MetricSource source = new ProcfsMetricsProvider().create(context(config));
        Files.writeString(proc.resolve("stat"), "cpu  250 0 250 900 0 0 0 0 0 0\n");
        MetricSample sample = source.sample();
        assertEquals(0.75, sample.cpuLoad().orElseThrow(), 1e-9, "300 busy of 400 ticks");
        assertTrue(sample.ramLoad().isEmpty(), "a kernel without MemAvailable: unknown, not guessed");
        assertEquals(85, sample.battery().orElseThrow());
        source.close();
    }
}
