package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.Checks;
import io.meshbench.bench.suite.Comparison;
import io.meshbench.bench.suite.ComparisonText;
import io.meshbench.bench.suite.Row;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rows of the panel's tables, from a comparison of the results shown with an earlier run (or with nothing). */
final class TableRows {

    /** A target the project set itself, this run's way and the earlier run's. */
    record Target(String what, String goal, String now, String met, String seed, String ratio, String earlier,
                  String earlierMet) {
    }

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
                    t.earlier(), c.earlier() == null ? "" : met(t.earlierVerdict(), t.earlierWords(), smoke(c.earlier())));
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

    /** {@code 12 faster, 3 slower, 30 the same}; empty without an earlier run. */
    static String tally(Comparison c) {
        return String.format(Locale.ROOT, "%d faster, %d slower, %d the same (within %.0f%% or JMH's error)%s%s",
                c.count(Comparison.Verdict.FASTER), c.count(Comparison.Verdict.SLOWER), c.count(Comparison.Verdict.SAME),
                Comparison.SAME_WITHIN * 100,
                c.count(Comparison.Verdict.ONLY_EARLIER) == 0 ? "" : ", " + c.count(Comparison.Verdict.ONLY_EARLIER) + " only earlier",
                c.count(Comparison.Verdict.ONLY_LATER) == 0 ? "" : ", " + c.count(Comparison.Verdict.ONLY_LATER) + " only now");
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

    /** yes, no, not sure (…), not judged: machine busy (…); a smoke run's, whatever it says, is no verdict. */
    private static String met(Checks.Verdict verdict, String words, boolean smoke) {
        if (verdict == null || verdict == Checks.Verdict.NONE) {
            return "";
        }
        return smoke ? NOT_MEASURED : words;
    }
}
