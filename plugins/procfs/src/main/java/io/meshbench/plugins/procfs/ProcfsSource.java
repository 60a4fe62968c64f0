package io.meshbench.plugins.procfs;

import io.meshbench.plugin.api.MetricSample;
import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.PluginContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Reads {@code /proc/stat} every tick and keeps the readings of the last window, so that a sample
 * is the CPU load over the whole window and costs one small file read: no 500 ms measurement per
 * bid as the original agent did.
 */
final class ProcfsSource implements MetricSource {

    private final PluginContext context;
    private final Path proc;
    private final Path sys;
    private final Duration window;
    private final Duration tick;
    private final Deque<CpuTimes> readings = new ArrayDeque<>();
    private final Path battery;
    private PluginContext.Cancellable ticker;
    private boolean closed;

    ProcfsSource(PluginContext context, Path proc, Path sys, Duration window, Duration tick) {
        this.context = context;
        this.proc = proc;
        this.sys = sys;
        this.window = window;
        this.tick = tick;
        this.battery = findBattery();
        read();
        scheduleTick();
    }

    private void scheduleTick() {
        ticker = context.schedule(tick, () -> {
            if (!closed) {
                read();
                scheduleTick();
            }
        });
    }

    /** Reads {@code /proc/stat} now; returns the reading, or null when it cannot be read. */
    private synchronized CpuTimes read() {
        try {
            CpuTimes now = CpuTimes.parse(Files.readString(proc.resolve("stat")), context.nowNanos());
            readings.addLast(now);
            // Keep the newest reading that is at least a window old, and everything after it.
            while (readings.size() > 2) {
                CpuTimes second = readings.stream().skip(1).findFirst().orElseThrow();
                if (now.nanos() - second.nanos() >= window.toNanos()) {
                    readings.removeFirst();
                } else {
                    break;
                }
            }
            return now;
        } catch (IOException | RuntimeException e) {
            context.logger().log(System.Logger.Level.DEBUG, "cannot read " + proc.resolve("stat") + ": " + e);
            return null;
        }
    }

    @Override
    public synchronized MetricSample sample() {
        CpuTimes now = read();
        OptionalDouble cpu = OptionalDouble.empty();
        if (now != null && readings.size() > 1) {
            double load = now.loadSince(readings.peekFirst());
            cpu = load < 0 ? OptionalDouble.empty() : OptionalDouble.of(load);
        }
        return new MetricSample(cpu, ramLoad(), batteryLevel());
    }

    private OptionalDouble ramLoad() {
        try {
            long total = -1;
            long available = -1;
            for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = kilobytes(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kilobytes(line);
                }
            }
            if (total <= 0 || available < 0) {
                return OptionalDouble.empty(); // kernels before 3.14 have no MemAvailable: unknown, not guessed
            }
            return OptionalDouble.of(Math.clamp(1.0 - (double) available / total, 0.0, 1.0));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    private OptionalInt batteryLevel() {
        if (battery == null) {
            return OptionalInt.empty();
        }
        try {
            int level = Integer.parseInt(Files.readString(battery).trim());
            return level >= 0 && level <= 100 ? OptionalInt.of(level) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** The capacity file of the first supply that is a battery, or null when the machine has none. */
    private Path findBattery() {
        Path supplies = sys.resolve("class/power_supply");
        if (!Files.isDirectory(supplies)) {
            return null;
        }
        try (Stream<Path> list = Files.list(supplies)) {
            for (Path supply : list.sorted().toList()) {
                Path capacity = supply.resolve("capacity");
                Path type = supply.resolve("type");
                boolean isBattery = !Files.exists(type) || Files.readString(type).trim().equalsIgnoreCase("Battery");
                if (isBattery && Files.isReadable(capacity)) {
                    return capacity;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.cancel();
        }
    }
}
