package io.meshbench.plugins.simulated;

import io.meshbench.plugin.api.Adjustable;
import io.meshbench.plugin.api.MetricSample;
import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.MetricSourceProvider;
import io.meshbench.plugin.api.PluginContext;

import java.util.random.RandomGenerator;

/**
 * A simulated device's load: CPU that moves with the tasks the device runs plus seeded noise, RAM
 * that grows with them, and a battery that drains at idle and faster with work, on the context's
 * clock (virtual time in a simulation). Settings (all optional; a {@code profile} fills in those not
 * given, see {@link Profile}): {@code cpu_load} and {@code ram_load} at idle (shares, default 0.2 and
 * 0.5), {@code battery} at the start (percent, default 80), {@code cpu_per_task} and
 * {@code ram_per_task} (load each running task adds, default 0.25 and 0), {@code noise} (standard
 * deviation of seeded Gaussian noise on the CPU load, default 0: the load stays as configured),
 * {@code battery_drain_idle_per_hour} and {@code battery_drain_per_task_minute} (percent, default 0:
 * the battery stays as configured).
 */
public final class SimulatedMetricsProvider implements MetricSourceProvider {

    public static final String NAME = "simulated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Simulated load from a device profile: CPU and RAM move with tasks plus seeded noise, battery drains.";
    }

    @Override
    public MetricSource create(PluginContext context) {
        Profile profile = Profile.of(context);
        double battery = profile.number(context, "battery", 80);
        if (!(battery >= 0 && battery <= 100)) {
            throw new IllegalArgumentException("battery of device " + context.deviceId() + " must be 0..100, got " + battery);
        }
        Model model = new Model(profile.share(context, "cpu_load", 0.2), profile.share(context, "ram_load", 0.5),
                profile.share(context, "cpu_per_task", 0.25), profile.share(context, "ram_per_task", 0),
                profile.positive(context, "noise", 0),
                profile.positive(context, "battery_drain_idle_per_hour", 0),
                profile.positive(context, "battery_drain_per_task_minute", 0));
        return new Source(model, battery, context);
    }

    private record Model(double idleCpu, double idleRam, double cpuPerTask, double ramPerTask, double noise,
                         double drainIdlePerHour, double drainPerTaskMinute) {
    }

    private static final class Source implements MetricSource, Adjustable {
        private final Model model;
        private final PluginContext context;
        private final RandomGenerator random;
        private double battery;
        private long lastNanos;
        private int running;

        Source(Model model, double battery, PluginContext context) {
            this.model = model;
            this.battery = battery;
            this.context = context;
            this.random = context.random();
            this.lastNanos = context.nowNanos();
        }

        /** Drains the battery for the time since the last call, at the load of that time. */
        private void advance() {
            long now = context.nowNanos();
            double hours = Math.max(0, now - lastNanos) / 3.6e12;
            lastNanos = now;
            battery = Math.max(0, battery - hours * (model.drainIdlePerHour() + running * 60 * model.drainPerTaskMinute()));
        }

        @Override
        public synchronized MetricSample sample() {
            advance();
            double cpu = model.idleCpu() + running * model.cpuPerTask();
            if (model.noise() > 0) {
                cpu += random.nextGaussian() * model.noise();
            }
            double ram = model.idleRam() + running * model.ramPerTask();
            return MetricSample.of(Math.clamp(cpu, 0.0, 1.0), Math.clamp(ram, 0.0, 1.0), (int) Math.round(battery));
        }

        /** A scenario's {@code battery} fault sets the level; the drain goes on from there. */
        @Override
        public synchronized boolean adjust(String condition, double value) {
            if (!Adjustable.BATTERY.equals(condition)) {
                return false;
            }
            if (!(value >= 0 && value <= 100)) {
                throw new IllegalArgumentException("battery must be 0..100 percent, got " + value);
            }
            advance();
            battery = value;
            return true;
        }

        @Override
        public synchronized void onTaskCountChanged(int runningTasks) {
            advance();
            this.running = runningTasks;
        }
    }
}
