package io.meshbench.plugins.simulated;

import io.meshbench.plugin.api.MetricSample;
import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.MetricSourceProvider;
import io.meshbench.plugin.api.PluginContext;

import java.util.random.RandomGenerator;

/**
 * A simulated device's load. Settings (all optional): {@code cpu_load} and {@code ram_load} at idle
 * (shares, default 0.2 and 0.5), {@code battery} (percent, default 80), {@code cpu_per_task} (load
 * each running task adds, default 0.25) and {@code noise} (standard deviation of seeded Gaussian
 * noise on the CPU load, default 0: the load stays exactly as configured).
 */
public final class SimulatedMetricsProvider implements MetricSourceProvider {

    public static final String NAME = "simulated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MetricSource create(PluginContext context) {
        double cpu = share(context, "cpu_load", 0.2);
        double ram = share(context, "ram_load", 0.5);
        double battery = context.number("battery", 80);
        if (battery < 0 || battery > 100) {
            throw new IllegalArgumentException("battery of device " + context.deviceId() + " must be 0..100, got " + battery);
        }
        double perTask = share(context, "cpu_per_task", 0.25);
        double noise = context.number("noise", 0.0);
        return new Source(cpu, ram, (int) Math.round(battery), perTask, noise, context.random());
    }

    private static double share(PluginContext context, String key, double fallback) {
        double v = context.number(key, fallback);
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " of device " + context.deviceId() + " must be 0..1, got " + v);
        }
        return v;
    }

    private static final class Source implements MetricSource {
        private final double idleCpu;
        private final double ram;
        private final int battery;
        private final double perTask;
        private final double noise;
        private final RandomGenerator random;
        private int running;

        Source(double idleCpu, double ram, int battery, double perTask, double noise, RandomGenerator random) {
            this.idleCpu = idleCpu;
            this.ram = ram;
            this.battery = battery;
            this.perTask = perTask;
            this.noise = noise;
            this.random = random;
        }

        @Override
        public MetricSample sample() {
            double cpu = idleCpu + running * perTask;
            if (noise > 0) {
                cpu += random.nextGaussian() * noise;
            }
            return MetricSample.of(Math.clamp(cpu, 0.0, 1.0), ram, battery);
        }

        @Override
        public void onTaskCountChanged(int runningTasks) {
            this.running = runningTasks;
        }
    }
}
