package com.example.meshbench.loadavg;

import io.meshbench.plugin.api.MetricSample;
import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.MetricSourceProvider;
import io.meshbench.plugin.api.PluginContext;

import java.lang.management.ManagementFactory;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The "loadavg" metric source: CPU load from the system load average over one minute, divided
 * by the number of cores. RAM and battery are reported unknown: a source never invents a value.
 * Setting (optional): "scale", a factor on the load (default 1).
 */
public final class LoadavgMetricsProvider implements MetricSourceProvider {

    @Override
    public String name() {
        return "loadavg";
    }

    @Override
    public String description() {
        return "CPU load from the one-minute load average.";
    }

    @Override
    public MetricSource create(PluginContext context) {
        double scale = context.number("scale", 1.0);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be above 0, got " + scale);
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        return () -> {
            double average = os.getSystemLoadAverage(); // negative where the system cannot tell
            OptionalDouble cpu = average < 0 ? OptionalDouble.empty()
                    : OptionalDouble.of(Math.min(1.0, scale * average / os.getAvailableProcessors()));
            return new MetricSample(cpu, OptionalDouble.empty(), OptionalInt.empty());
        };
    }
}
