package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.Checks;
import io.meshbench.bench.suite.Comparison;
import io.meshbench.bench.suite.ComparisonText;
import io.meshbench.bench.load.OpenLoop;
import io.meshbench.bench.mesh.BenchMesh;
import io.meshbench.bench.suite.Failure;
import io.meshbench.bench.suite.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The rows of the panel's tables, from a comparison of the results shown with an earlier run (or with nothing). */
final class TableRows {

    /** A target the project set itself, this run's way and the earlier run's. */
    record Target(String what, String goal, String now, String met, String seed, String ratio, String earlier,
                  String earlierMet, Checks.Verdict verdict, Checks.Verdict earlierVerdict) {
    }

    /**
     * One rate of an open-loop series: its median and spread (min–max) across the repeats, as summary.md has it.
     *
     * @param roundTrip what was timed: an auction (to the winner's choice) or a full task (to RESULT)
     * @param sustained yes when no round trip failed and the median p99 met the target
     */
    record Load(String roundTrip, String rate, String runs, String started, String failed, String p50, String p99,
                String sustained, String load) {
    }

    /** What an auction of the open loop is timed to. */
    static final String AUCTION = "auction → winner chosen";
    /** What a full task of the open loop is timed to. */
    static final String TASK = "full task → RESULT";

    /** A benchmark: this run's value, its p99 (sampled ones), the earlier run's and the change. */
    record Bench(String benchmark, String params, String measure, String unit, String now, String p99, String earlier,
                 String change, Comparison.Verdict verdict) {
    }

    private TableRows() {
    }

    static List<Target> targets(Comparison c) {
        Map<String, Checks.Check> now = new HashMap<>();
        Checks.of(c.later()).forEach(k -> now.putIfAbsent(k.what() + "|" + k.target(), k));
        return c.targets().stream().map(t -> {
            Checks.Check k = now.get(t.what() + "|" + t.goal());
            return new Target(t.what(), t.goal(), t.later(), met(t.laterVerdict(), t.laterWords(), smoke(c.later())),
                    k == null ? "" : k.seed(),
                    k == null || Double.isNaN(k.ratio()) ? "" : String.format(Locale.ROOT, "%,.0f×", k.ratio()),
                    t.earlier(), c.earlier() == null ? "" : met(t.earlierVerdict(), t.earlierWords(), smoke(c.earlier())),
                    shown(t.laterVerdict(), smoke(c.later())), c.earlier() == null ? null
                    : shown(t.earlierVerdict(), smoke(c.earlier())));
        }).toList();
    }

    static List<Bench> benchmarks(Comparison c) {
        Map<String, Row> rows = new HashMap<>();
        c.later().rows().forEach(r -> rows.putIfAbsent(r.benchmark() + "|" + params(r), r));
        return c.lines().stream().map(l -> {
            Row r = rows.get(l.benchmark() + "|" + l.params());
            String p99 = r != null && "sample".equals(r.mode()) ? ComparisonText.value(r.p99()) : "";
            return new Bench(l.benchmark(), l.params(), l.measure(), l.unit(), ComparisonText.value(l.later()), p99,
                    ComparisonText.value(l.earlier()), l.change(), l.verdict());
        }).toList();
    }

    /** One line about a run: its suite, machine and load. */
    static String describe(BenchResults r) {
        return String.format(Locale.ROOT, "%s suite · %d rows · %d cores · %s · load average %.2f",
                BenchController.name(r.size()), r.rows().size(), r.machine().cores(), r.machine().jdk(),
                Comparison.meanLoad(r));
    }

    private static String params(Row r) {
        return r.params().toString().replaceAll("[{}]", "");
    }

    /** A benchmark row in words, for its tooltip. */
    static String explain(Bench b) {
        return b.benchmark() + (b.params().isBlank() ? "" : "\nparameters: " + b.params())
                + "\n" + (b.measure().isBlank() ? "" : b.measure() + ": ") + b.now() + " " + b.unit()
                + (b.p99().isBlank() ? "" : " (p99 " + b.p99() + ")")
                + (b.earlier().isBlank() ? "" : "\nearlier run: " + b.earlier() + " " + b.unit() + ", " + b.change());
    }

    /** A target row in words, for its tooltip. */
    static String explain(Target t) {
        return t.what() + "\ngoal: " + t.goal() + "\nMeshBench now: " + t.now()
                + (t.met().isBlank() ? "" : " (met: " + t.met() + ")")
                + (t.seed().isBlank() ? "" : "\nthe original scripts' way, same run: " + t.seed())
                + (t.met().equals(NOT_MEASURED) ? "\nA smoke run runs each benchmark once: its numbers show the suite"
                + " works, not whether a target is met. Run the quick or full suite for that." : "");
    }

    /** What a smoke run's "met" column says: each benchmark ran once, so its numbers are no verdict. */
    static final String NOT_MEASURED = "not judged (smoke run)";

    private static boolean smoke(BenchResults r) {
        return r != null && r.size() == io.meshbench.bench.suite.BenchSuite.Size.SMOKE;
    }

    /** The verdict as the met column shows it: a smoke run's is none, whatever it says. */
    private static Checks.Verdict shown(Checks.Verdict verdict, boolean smoke) {
        if (verdict == null || verdict == Checks.Verdict.NONE) {
            return Checks.Verdict.NONE;
        }
        return smoke ? Checks.Verdict.SMOKE : verdict;
    }

    /** The style of a met cell: green met, red missed, amber not sure, muted not judged. */
    static String style(Checks.Verdict verdict) {
        if (verdict == null) {
            return null;
        }
        return switch (verdict) {
            case MET -> "bench-faster";
            case MISSED -> "bench-slower";
            case NOT_SURE -> "bench-unsure";
            case BUSY, SMOKE -> "bench-same";
            case NONE -> null;
        };
    }

    /**
     * Every rate of both open-loop series, auctions first, then full tasks; a summary of an older suite
     * (one auction run per rate, no series) gives its runs as they are.
     */
    static List<Load> load(BenchResults r) {
        OpenLoop.Result load = r.load();
        if (load == null) {
            return List.of();
        }
        List<Load> rows = new ArrayList<>();
        if (load.series().isEmpty()) {
            for (OpenLoop.Step s : load.steps()) {
                rows.add(new Load(AUCTION, rate(s.rate()), "1", count(s.started()), count(s.failed()),
                        ms(s.p50Ms()), ms(s.p99Ms()), s.meets(load.p99TargetMs()) ? "yes" : "no", ""));
            }
            return rows;
        }
        for (OpenLoop.Series series : load.series()) {
            String what = series.phase().equals(BenchMesh.Phase.TASK.name()) ? TASK : AUCTION;
            for (OpenLoop.Level l : series.levels()) {
                rows.add(new Load(what, rate(l.rate()), String.valueOf(l.repeats().size()),
                        count(l.repeats().stream().mapToLong(OpenLoop.Step::started).sum()),
                        count(l.repeats().stream().mapToLong(OpenLoop.Step::failed).sum()),
                        spread(l.p50Median(), l.p50Min(), l.p50Max()), spread(l.p99Median(), l.p99Min(), l.p99Max()),
                        l.sustained() ? "yes" : "no", Double.isNaN(l.loadBefore()) ? ""
                        : String.format(Locale.ROOT, "%.2f→%.2f", l.loadBefore(), l.loadAfter())));
            }
        }
        return rows;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * The open loop in words, one line each: how it ran, what each series sustained; empty when it did not run.
     */
    static String loadSummary(BenchResults r) {
        OpenLoop.Result load = r.load();
        if (load == null) {
            return "The open-loop load generator did not run in this suite.";
        }
        String target = String.format(Locale.ROOT, "p99 ≤ %s ms", trim(load.p99TargetMs()));
        if (load.series().isEmpty()) {
            return String.format(Locale.ROOT, "%s; one run per rate, auctions only (a summary of an older suite): "
                    + "sustained %,.0f auctions/s at %s (0: no rate tried met it)", load.mesh(), load.sustainedRate(), target);
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s; each rate ran %d × %s s; p50 and p99 are "
                        + "the median and spread (min–max) across the runs; a rate is sustained when no round trip "
                        + "failed and the median p99 met %s.", load.mesh(), load.repeats(), trim(load.stepMs() / 1000.0),
                target));
        for (BenchMesh.Phase phase : List.of(BenchMesh.Phase.AUCTION, BenchMesh.Phase.TASK)) {
            load.series(phase).ifPresent(series -> s.append(String.format(Locale.ROOT, "%nSustained, %s: %,.0f /s%s",
                    phase == BenchMesh.Phase.TASK ? "full tasks (timed to the winner's RESULT)"
                            : "auctions (timed to the winner's choice)", series.sustainedRate(),
                    series.sustainedRate() == 0 ? " (no rate tried met it)" : "")));
        }
        return s.toString();
    }

    /** The open loop's target, the series it judges and its verdict; empty when the run judged none. */
    static Optional<Checks.Check> loadTarget(BenchResults r) {
        return Checks.of(r).stream().filter(c -> c.what().contains("open loop") && !c.target().isBlank()).findFirst();
    }

    /** The target's line: {@code Target, judged on the full-task series: … : > 15,000 /s; met: no (0 of 3 runs …)}. */
    static String loadVerdict(BenchResults r) {
        return loadTarget(r).map(c -> String.format(Locale.ROOT, "Target, judged on the %s series: %s: %s; met: %s",
                c.what().startsWith("full task") ? "full-task" : "auction", c.what(), c.target(),
                smoke(r) ? NOT_MEASURED : c.verdictText())).orElse("");
    }

    /** The verdict of the open loop's target as shown (a smoke run's is none). */
    static Checks.Verdict loadVerdictOf(BenchResults r) {
        return loadTarget(r).map(c -> shown(c.verdict(), smoke(r))).orElse(Checks.Verdict.NONE);
    }

    /** The run's failed benchmarks as the panel lists them; empty when none failed. */
    static List<Failure> failures(BenchResults r) {
        return r == null ? List.of() : r.failures();
    }

    /** {@code 2 benchmarks failed (the other results are complete):}. */
    static String failuresTitle(BenchResults r) {
        int n = r.failures().size();
        return n + (n == 1 ? " benchmark" : " benchmarks") + " of this run failed (every other result is complete):";
    }

    private static String rate(double rate) {
        return String.format(Locale.ROOT, "%,.0f", rate);
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String spread(double median, double min, double max) {
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median, min, max);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }

    /** yes, no, not sure (…), not judged: machine busy (…); a smoke run's, whatever it says, is no verdict. */
    private static String met(Checks.Verdict verdict, String words, boolean smoke) {
        if (verdict == null || verdict == Checks.Verdict.NONE) {
            return "";
        }
        return smoke ? NOT_MEASURED : words;
    }
}
