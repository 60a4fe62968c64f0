package io.meshbench.plugin.check;

import io.meshbench.plugin.api.MetricSample;
import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.MetricSourceProvider;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A metric source's contract: it can be created from the given settings, every sample is a sample
 * (values in range are enforced by {@link MetricSample} itself), sampling is quick (a node samples
 * on its own thread, between protocol messages), task counts are taken, and it closes.
 */
final class MetricsChecks {

    static final int SAMPLES = 200;
    /** A node samples between messages: a median over a millisecond would delay bids. */
    static final double MEDIAN_LIMIT_MS = 1.0;
    static final double MAX_LIMIT_MS = 50.0;

    private MetricsChecks() {
    }

    static void run(CheckReport report, String name, MetricSourceProvider provider, Map<String, Object> config,
                    PluginCheck.Timing timing) {
        try (CheckContext context = new CheckContext(config)) {
            MetricSource source;
            try {
                source = PluginCheck.within(5, () -> provider.create(context));
                if (source == null) {
                    report.fail(name, "creates a source", "create() returned null");
                    return;
                }
                report.pass(name, "creates a source", "");
            } catch (Exception e) {
                report.fail(name, "creates a source", PluginCheck.thrown(e)
                        + (config.isEmpty() ? " (give its settings with --config '{\"key\": value}')" : ""));
                return;
            }
            samples(report, name, source, timing);
            try {
                PluginCheck.within(5, () -> {
                    for (int n : new int[]{1, 2, 4, 1, 0}) {
                        source.onTaskCountChanged(n);
                        if (source.sample() == null) {
                            throw new IllegalStateException("sample() returned null with " + n + " tasks running");
                        }
                    }
                    return null;
                });
                report.pass(name, "takes task count changes", "");
            } catch (Exception e) {
                report.fail(name, "takes task count changes", PluginCheck.thrown(e));
            }
            try {
                PluginCheck.within(5, () -> {
                    source.close();
                    return null;
                });
                report.pass(name, "closes", "");
            } catch (Exception e) {
                report.fail(name, "closes", PluginCheck.thrown(e));
            }
        }
    }

    private static void samples(CheckReport report, String name, MetricSource source, PluginCheck.Timing timing) {
        double[] millis = new double[SAMPLES];
        MetricSample last;
        try {
            last = PluginCheck.within(30, () -> {
                // One sample before timing: its class loading and first file opens are not a node's steady state.
                MetricSample sample = source.sample();
                if (sample == null) {
                    throw new IllegalStateException("the first sample was null");
                }
                for (int i = 0; i < SAMPLES; i++) {
                    long start = System.nanoTime();
                    sample = source.sample();
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    if (sample == null) {
                        throw new IllegalStateException("sample " + (i + 1) + " was null");
                    }
                }
                return sample;
            });
        } catch (Exception e) {
            report.fail(name, "samples in range", PluginCheck.thrown(e));
            return;
        }
        report.pass(name, "samples in range", SAMPLES + " samples; last: cpu " + value(last.cpuLoad().isPresent()
                ? last.cpuLoad().getAsDouble() : null) + ", ram " + value(last.ramLoad().isPresent()
                ? last.ramLoad().getAsDouble() : null) + ", battery "
                + (last.battery().isPresent() ? last.battery().getAsInt() + "%" : "unknown"));
        Arrays.sort(millis);
        double median = millis[SAMPLES / 2];
        double max = millis[SAMPLES - 1];
        String measured = String.format(Locale.ROOT, "median %.3f ms, max %.3f ms", median, max);
        if (timing == PluginCheck.Timing.SHOWN) {
            report.pass(name, "samples quickly", measured + " (shown, not judged)");
        } else if (median > MEDIAN_LIMIT_MS || max > MAX_LIMIT_MS) {
            report.fail(name, "samples quickly", measured + "; limits: median " + MEDIAN_LIMIT_MS + " ms, max "
                    + MAX_LIMIT_MS + " ms (measure in the background, return the latest reading)");
        } else {
            report.pass(name, "samples quickly", measured);
        }
    }

    private static String value(Double share) {
        return share == null ? "unknown" : String.format(Locale.ROOT, "%.3f", share);
    }
}
