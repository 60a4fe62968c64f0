package io.meshbench.scenario;

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

    static List<ExpectationResult> check(List<Scenario.Expectation> expectations, RunTally tally) {
        List<ExpectationResult> results = new ArrayList<>();
        for (Scenario.Expectation e : expectations) {
            results.add(switch (e.kind()) {
                case "all_tasks_complete" -> {
                    long notDone = tally.failed() + tally.unfinished();
                    yield new ExpectationResult(e, tally.completed() + " of " + tally.opened() + " completed",
                            e.limit() == 0 || (notDone == 0 && tally.opened() > 0));
                }
                case "max_failures" -> new ExpectationResult(e, tally.failed() + " failed",
                        tally.failed() <= e.limit());
                case "min_battery_above" -> new ExpectationResult(e, "lowest battery " + tally.lowestBattery() + "%",
                        tally.lowestBattery() < 0 || tally.lowestBattery() > e.limit());
                case "history_valid" -> {
                    var verdict = tally.history();
                    yield new ExpectationResult(e, verdict.describe(), e.limit() == 0 || verdict.valid());
                }
                case "min_failovers" -> new ExpectationResult(e, tally.history().failovers() + " failovers",
                        tally.history().failovers() >= e.limit());
                case "npu_share_at_least" -> new ExpectationResult(e,
                        String.format(Locale.ROOT, "NPU share %.3f", tally.npuShare()), tally.npuShare() >= e.limit());
                default -> {
                    double p = Double.parseDouble(e.kind().substring(1, 3));
                    long value = tally.percentile(p);
                    yield new ExpectationResult(e, value < 0 ? "no task completed"
                            : String.format(Locale.ROOT, "p%.0f %.1f ms", p, value / 1e6), value >= 0 && value < e.limit());
                }
            });
        }
        return results;
    }

    /** {@code ✓ p95_latency_below 5s (p95 812.3 ms)}. */
    public String describe() {
        return (passed ? "✓ " : "✗ ") + expectation.kind() + " " + expectation.value() + " (" + actual + ")";
    }
}
