package io.meshbench.app.scenario;

import io.meshbench.report.RunStats;
import io.meshbench.scenario.ExpectationResult;
import io.meshbench.scenario.RunOutcome;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A run's summary and expectations as the window shows them at the end, as plain text. */
public final class OutcomeText {

    private OutcomeText() {
    }

    public static String of(RunOutcome o) {
        RunStats t = o.tally();
        StringBuilder out = new StringBuilder();
        out.append(o.passed() ? "PASSED" : "FAILED: " + o.expectations().stream().filter(e -> !e.passed())
                .map(e -> e.expectation().kind()).collect(Collectors.joining(", "))).append("\n\n");
        out.append(String.format(Locale.ROOT, "%s, seed %d, strategy %s%n", o.scenario().name(), o.seed(), o.strategy()));
        out.append(String.format(Locale.ROOT, "%,d phones, %,d mesh%s%n%.1f s of %s time in %.1f s%n", o.devices(),
                o.meshes(), o.meshes() == 1 ? "" : "es", o.runNanos() / 1e9,
                o.actions() > 0 ? "virtual" : "wall-clock", o.wallNanos() / 1e9));
        out.append(String.format(Locale.ROOT, "%nTasks      %,d asked, %,d done, %,d failed, %,d open%n",
                t.opened(), t.completed(), t.failed(), t.unfinished()));
        out.append(String.format(Locale.ROOT, "Latency    p50 %s, p95 %s, p99 %s%n", latency(t.percentile(50)),
                latency(t.percentile(95)), latency(t.percentile(99))));
        out.append(String.format(Locale.ROOT, "NPU share  %.1f%% of completed tasks%n", t.npuShare() * 100));
        Map<String, Long> perDevice = t.tasksPerDevice();
        out.append("Busiest    ").append(perDevice.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        out.append("Battery    ").append(t.lowestBattery() < 0 ? "not reported" : "lowest " + t.lowestBattery() + "%")
                .append('\n');
        if (!t.failureReasons().isEmpty()) {
            out.append("\nFailures\n");
            t.failureReasons().forEach((reason, n) -> out.append(String.format(Locale.ROOT, "  %,6d  %s%n", n,
                    readable(reason, o.scenario()))));
        }
        if (!o.expectations().isEmpty()) {
            out.append("\nExpectations\n");
            for (ExpectationResult e : o.expectations()) {
                out.append("  ").append(e.describe()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * A failure reason as grouped (its numbers replaced by {@code N} so that like failures count
     * together) in words: the timeouts are the scenario's own, the devices and counts "a device",
     * "several".
     */
    static String readable(String kind, io.meshbench.scenario.Scenario scenario) {
        String r = kind;
        if (scenario != null && scenario.orchestrator() != null) {
            r = r.replaceAll("(no RESULT from .*?)within N(\\.N)? s", "$1within " + seconds(scenario.orchestrator().resultTimeout()))
                    .replaceAll("no bids within N(\\.N)? s", "no bids within " + seconds(scenario.orchestrator().bidTimeout()));
        }
        r = r.replaceAll("\\b[A-Za-z][A-Za-z_-]*[_-]N\\b", "a device")
                .replaceAll("\\bfrom N peers\\b", "from several peers")
                .replaceAll("\\bN(\\.N)?\\b", "…");
        return r;
    }

    private static String seconds(java.time.Duration d) {
        if (d == null) {
            return "the timeout";
        }
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
    }

    static String latency(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        return nanos >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f s", nanos / 1e9)
                : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
