package io.meshbench.scenario;

import io.meshbench.report.RunStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One expectation of a scenario, checked against a run.
 *
 * @param expectation what was expected
 * @param actual      what the run gave, in words
 * @param passed      whether it held
 */
public record ExpectationResult(Scenario.Expectation expectation, String actual, boolean passed) {

    static List<ExpectationResult> check(List<Scenario.Expectation> expectations, RunStats tally) {
        List<ExpectationResult> results = new ArrayList<>();
        for (Scenario.Expectation e : expectations) {
            results.add(switch (e) {
                case Scenario.Expectation.AllTasksComplete all -> {
                    long notDone = tally.failed() + tally.unfinished();
                    yield new ExpectationResult(e, tally.completed() + " of " + tally.opened() + " completed",
                            !all.required() || (notDone == 0 && tally.opened() > 0));
                }
                case Scenario.Expectation.MaxFailures max -> new ExpectationResult(e, tally.failed() + " failed",
                        tally.failed() <= max.max());
                case Scenario.Expectation.MinBatteryAbove min -> new ExpectationResult(e,
                        "lowest battery " + tally.lowestBattery() + "%",
                        tally.lowestBattery() < 0 || tally.lowestBattery() > min.percent());
                case Scenario.Expectation.NpuShareAtLeast npu -> new ExpectationResult(e,
                        String.format(Locale.ROOT, "NPU share %.3f", tally.npuShare()), tally.npuShare() >= npu.share());
                case Scenario.Expectation.LatencyBelow latency -> {
                    long value = tally.percentile(latency.percentile());
                    yield new ExpectationResult(e, value < 0 ? "no task completed"
                            : String.format(Locale.ROOT, "p%d %.1f ms", latency.percentile(), value / 1e6),
                            value >= 0 && value < latency.bound().toNanos());
                }
            });
        }
        return results;
    }

    /** {@code ✓ p95_latency_below 5s (p95 812.3 ms)}. */
    public String describe() {
        return (passed ? "✓ " : "✗ ") + expectation.kind() + " " + expectation.written() + " (" + actual + ")";
    }
}
