package io.meshbench.plugins.procfs;

import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.MetricSourceProvider;
import io.meshbench.plugin.api.PluginContext;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Real metrics of the Linux or Android machine the node runs on, as the original agent read them:
 * CPU load from {@code /proc/stat} over a sliding window, RAM load from {@code /proc/meminfo}
 * ({@code 1 - MemAvailable / MemTotal}), battery from {@code /sys/class/power_supply/}{@code *}{@code /capacity}
 * (the first supply whose {@code type} is {@code Battery}; none: unknown). The NPU is not measured:
 * the node takes it from {@code has_npu} in its config.
 *
 * <p>Settings (all optional): {@code window_ms} (the CPU window, default 1000), {@code tick_ms}
 * (how often {@code /proc/stat} is read in between, default a quarter of the window),
 * {@code proc} and {@code sys} (roots of the two file systems, default {@code /proc} and {@code /sys};
 * for tests and chroots).
 */
public final class ProcfsMetricsProvider implements MetricSourceProvider {

    public static final String NAME = "procfs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Real CPU (/proc/stat over a window), RAM (/proc/meminfo) and battery (/sys/class/power_supply) of this machine.";
    }

    @Override
    public MetricSource create(PluginContext context) {
        double window = context.number("window_ms", 1000);
        if (!(window >= 10 && window <= 600_000)) {
            throw new IllegalArgumentException("window_ms must be 10..600000 milliseconds, got " + window);
        }
        double tick = context.number("tick_ms", Math.max(10, window / 4));
        if (!(tick >= 10 && tick <= window)) {
            throw new IllegalArgumentException("tick_ms must be 10..window_ms milliseconds, got " + tick);
        }
        Path proc = Path.of(context.string("proc", "/proc"));
        Path sys = Path.of(context.string("sys", "/sys"));
        return new ProcfsSource(context, proc, sys, Duration.ofMillis((long) window), Duration.ofMillis((long) tick));
    }
}
