package io.meshbench.cli;

import io.meshbench.report.RunStats;
import io.meshbench.scenario.RunOutcome;
import io.meshbench.scenario.Scenario;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-screen summary at the end of a scenario run. */
final class RunSummaryView {
    private final PrintStream out;

    RunSummaryView(PrintStream out) {
        this.out = out;
    }

    void print(RunOutcome o) {
        Scenario s = o.scenario();
        RunStats t = o.tally();
        out.println(ConsoleView.RULE);
        out.printf(Locale.ROOT, "Scenario %s (%s, seed %d, strategy %s)%n", s.name(), s.mode().name().toLowerCase(),
                o.seed(), o.strategy());
        out.printf(Locale.ROOT, "%,d phones in %,d %s; ran %s of %s time in %.2f s%s%n", o.devices(), o.meshes(),
                o.meshes() == 1 ? "mesh" : "meshes", duration(o.runNanos()),
                s.mode() == Scenario.Mode.VIRTUAL ? "virtual" : "wall-clock", o.wallNanos() / 1e9,
                o.actions() > 0 ? String.format(Locale.ROOT, " (%,d events, %.1f M/s)", o.actions(),
                        o.actions() / (o.wallNanos() / 1e9) / 1e6) : "");
        if (o.heapBytes() >= 0) {
            out.printf(Locale.ROOT, "Heap held after setup: %.1f MB, %.2f KB per phone%n", o.heapBytes() / 1e6,
                    o.heapBytes() / 1024.0 / o.devices());
        }
        out.println(ConsoleView.RULE);
        out.printf(Locale.ROOT, "Tasks       %,d asked, %,d completed, %,d failed, %,d unfinished%n", t.opened(),
                t.completed(), t.failed(), t.unfinished());
        out.printf(Locale.ROOT, "Latency     p50 %s   p95 %s   p99 %s%n", latency(t.percentile(50)),
                latency(t.percentile(95)), latency(t.percentile(99)));
        out.printf(Locale.ROOT, "NPU share   %.1f%% of completed tasks%n", t.npuShare() * 100);
        Map<String, Long> perDevice = t.tasksPerDevice();
        out.println("Busiest     " + perDevice.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                + (perDevice.size() > 5 ? ", … (" + perDevice.size() + " devices did work)" : ""));
        out.println("Battery     " + (t.lowestBattery() < 0 ? "not reported" : "lowest " + t.lowestBattery() + "%"));
        if (!t.failureReasons().isEmpty()) {
            out.println("Failures");
            t.failureReasons().forEach((reason, n) -> out.printf(Locale.ROOT, "  %,6d  %s%n", n, reason));
        }
        if (!o.expectations().isEmpty()) {
            out.println("Expectations");
            o.expectations().forEach(e -> out.println("  " + e.describe()));
        }
        out.println(ConsoleView.RULE);
        out.println(o.passed() ? "PASSED" : "FAILED: " + o.expectations().stream().filter(e -> !e.passed())
                .map(e -> e.expectation().kind()).collect(Collectors.joining(", ")));
    }

    static String latency(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        return nanos >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f s", nanos / 1e9)
                : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String duration(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

}
