package io.meshbench.plugin;

import io.meshbench.plugin.api.Adjustable;
import io.meshbench.plugin.api.MetricSample;
import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.MetricSourceProvider;
import io.meshbench.plugin.api.PluginContext;

/**
 * A metric source provider as the host uses it: whatever the plugin throws or returns wrong comes
 * out as an {@link IllegalStateException} that names the plugin and its jar. A sample out of range
 * (negative load, NaN, battery over 100) already fails in {@link MetricSample}'s constructor, inside
 * the plugin's {@code sample()}; this names whose sample it was.
 */
final class GuardedMetrics implements MetricSourceProvider {

    private final MetricSourceProvider plugin;
    private final String origin;

    GuardedMetrics(MetricSourceProvider plugin, String origin) {
        this.plugin = plugin;
        this.origin = origin;
    }

    @Override
    public String name() {
        return plugin.name();
    }

    @Override
    public String version() {
        return plugin.version();
    }

    @Override
    public String description() {
        return plugin.description();
    }

    @Override
    public MetricSource create(PluginContext context) {
        return new Source(PluginJar.create("metric source", origin, "source", () -> plugin.create(context)));
    }

    // Adjustable passes through, so that a wrapped simulated source still takes a scenario's faults.
    private final class Source implements MetricSource, Adjustable {
        private final MetricSource source;

        Source(MetricSource source) {
            this.source = source;
        }

        @Override
        public MetricSample sample() {
            MetricSample sample;
            try {
                sample = source.sample();
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("metric source " + origin + " gave a bad sample: " + PluginJar.cause(e), e);
            }
            if (sample == null) {
                throw new IllegalStateException("metric source " + origin + " returned no sample (null)");
            }
            return sample;
        }

        @Override
        public void onTaskCountChanged(int runningTasks) {
            try {
                source.onTaskCountChanged(runningTasks);
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("metric source " + origin + " failed: " + PluginJar.cause(e), e);
            }
        }

        @Override
        public boolean adjust(String condition, double value) {
            try {
                return source instanceof Adjustable a && a.adjust(condition, value);
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("metric source " + origin + " failed to adjust " + condition + ": "
                        + PluginJar.cause(e), e);
            }
        }

        @Override
        public void close() {
            try {
                source.close();
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("metric source " + origin + " failed to close: " + PluginJar.cause(e), e);
            }
        }
    }
}
