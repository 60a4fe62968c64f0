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
import java.util.concurrent.atomic.AtomicBoolean;
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

    @Test
    void cpuLoadFollowsWhatProcSaysWhileABusyLoopRuns() throws Exception {
        MetricSource source = new ProcfsMetricsProvider().create(context(Map.of("window_ms", 400, "tick_ms", 50)));
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread busy = new Thread(() -> {
            long x = 0;
            while (spin.get()) {
                x += System.nanoTime() & 1;
            }
            if (x == -1) {
                System.out.println(x);
            }
        }, "busy-loop");
        busy.start();
        try {
            Thread.sleep(600); // a whole window of the loop running
            CpuTimes before = stat();
            Thread.sleep(400);
            MetricSample sample = source.sample();
            CpuTimes after = stat();
            double proc = after.loadSince(before);
            double cores = Runtime.getRuntime().availableProcessors();
            double measured = sample.cpuLoad().orElseThrow();
            assertTrue(measured >= 0.8 / cores, "one core of " + cores + " spins, so the load is at least ~1/cores: " + measured);
            assertTrue(Math.abs(measured - proc) < 0.25, "procfs says " + measured + ", /proc/stat over the same 400 ms says " + proc);
        } finally {
            spin.set(false);
            busy.join();
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
