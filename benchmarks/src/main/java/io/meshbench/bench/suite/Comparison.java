package io.meshbench.bench.suite;

import io.meshbench.bench.load.OpenLoop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two suite runs side by side: every benchmark both measured, how many times better (or worse) the
 * later run did, in the words of what it measures ({@link Quantity}: a time faster or slower, a throughput
 * higher or lower, memory less or more), each of the targets in both, and what differed between the runs besides the
 * code (suite size, machine, load average), since any of those moves the numbers too.
 *
 * <p>A benchmark counts as {@link Verdict#SAME} when the two values are within {@link #SAME_WITHIN}
 * of each other, or within JMH's own error of each other: on a shared two-core machine smaller
 * differences are noise, not change.
 *
 * @param earlier the run compared against
 * @param later   the run being judged
 * @param lines   one per benchmark (and the open-loop load), in the later run's order, then the earlier's
 * @param targets the targets, as each run met them
 * @param notes   what differed between the runs other than the code
 */
public record Comparison(BenchResults earlier, BenchResults later, List<Line> lines, List<Target> targets,
                         List<String> notes) {

    /** A change smaller than this share counts as no change. */
    public static final double SAME_WITHIN = 0.10;

    /**
     * How a benchmark moved from the earlier run to the later one. {@code FASTER} and {@code SLOWER} are better
     * and worse by the measure's own direction (a time faster, a throughput higher, memory less); the
     * line's {@link Line#change()} words them for what it measures.
     */
    public enum Verdict { FASTER, SLOWER, SAME, ONLY_EARLIER, ONLY_LATER }

    /**
     * One benchmark in both runs.
     *
     * @param benchmark      JMH's {@code Class.method}, or {@code open-loop load}
     * @param params         its parameters, {@code name=value, ...}
     * @param measure        what is compared: {@code p50}, {@code mean}, {@code one run} (a scale scenario's value)
     *                       or {@code sustained}
     * @param unit           the unit of both values
     * @param earlier        the earlier run's value (NaN when it did not measure this)
     * @param later          the later run's value (NaN when it did not measure this)
     * @param factor         how many times better the later run did (below 1: worse; NaN when one is missing)
     * @param verdict        better, worse, the same, or measured by one run only
     */
    public record Line(String benchmark, String params, String measure, String unit, double earlier, double later,
                       double factor, Verdict verdict) {

        /** What the line measures, from its unit: a time, a throughput, memory, a count. */
        public Quantity quantity() {
            return Quantity.of(unit);
        }

        /** True for throughputs and counts, false for times and memory. */
        public boolean higherIsBetter() {
            return quantity().higherIsBetter();
        }

        /**
         * The change in words that fit the measure: {@code 1.52× faster} (a time), {@code 2.10× lower} (a
         * throughput), {@code 1.30× more memory}; {@code same (+4%)} within {@link #SAME_WITHIN}, {@code within
         * error (-65%)} when a larger change is within JMH's error. The percentage is the value's own change (+: it
         * grew), whatever the direction of better.
         */
        public String change() {
            return switch (verdict) {
                case ONLY_EARLIER -> "earlier run only";
                case ONLY_LATER -> "this run only";
                case SAME -> earlier == 0 || Double.isNaN(earlier) || Double.isNaN(later) ? "same"
                        : String.format(Locale.ROOT, "%s (%+d%%)", factor >= 1 / (1 + SAME_WITHIN)
                        && factor <= 1 + SAME_WITHIN ? "same" : "within error", Math.round((later / earlier - 1) * 100));
                case FASTER, SLOWER -> quantity().change(factor);
            };
        }
    }

    /**
     * One of the targets, as measured by each run.
     *
     * @param earlierVerdict how the earlier run came out (null: it did not measure this)
     * @param earlierWords   that verdict in words ({@code not sure (…)}, {@code not judged: machine busy (…)})
     */
    public record Target(String what, String goal, String earlier, Checks.Verdict earlierVerdict, String earlierWords,
                         String later, Checks.Verdict laterVerdict, String laterWords) {

        /** true: met, false: missed, null: not sure, not judged, no goal or not measured. */
        public Boolean earlierMet() {
            return met(earlierVerdict);
        }

        public Boolean laterMet() {
            return met(laterVerdict);
        }

        private static Boolean met(Checks.Verdict v) {
            return v == Checks.Verdict.MET ? Boolean.TRUE : v == Checks.Verdict.MISSED ? Boolean.FALSE : null;
        }
    }

    public static Comparison of(BenchResults earlier, BenchResults later) {
        Map<String, Row> before = new LinkedHashMap<>();
        earlier.rows().forEach(r -> before.putIfAbsent(key(r), r));
        List<Line> lines = new ArrayList<>();
        for (Row r : later.rows()) {
            lines.add(line(before.remove(key(r)), r));
        }
        before.values().forEach(r -> lines.add(line(r, null)));
        if (earlier.load() != null || later.load() != null) {
            lines.add(line("open-loop load", loadParams(later.load() != null ? later.load() : earlier.load()), "sustained",
                    "auctions/s", earlier.load() == null ? Double.NaN : earlier.load().sustainedRate(),
                    later.load() == null ? Double.NaN : later.load().sustainedRate(), Double.NaN, Double.NaN));
            double earlierTasks = tasks(earlier), laterTasks = tasks(later);
            if (!Double.isNaN(earlierTasks) || !Double.isNaN(laterTasks)) {
                lines.add(line("open-loop load, full tasks", loadParams(later.load() != null ? later.load() : earlier.load()),
                        "sustained", "tasks/s", earlierTasks, laterTasks, Double.NaN, Double.NaN));
            }
        }
        return new Comparison(earlier, later, List.copyOf(lines), targets(earlier, later), notes(earlier, later));
    }

    private static double tasks(BenchResults r) {
        return r.load() == null ? Double.NaN : r.load().series(io.meshbench.bench.mesh.BenchMesh.Phase.TASK)
                .map(OpenLoop.Series::sustainedRate).orElse(Double.NaN);
    }

    /** How many lines have {@code verdict}. */
    public long count(Verdict verdict) {
        return lines.stream().filter(l -> l.verdict() == verdict).count();
    }

    private static String key(Row r) {
        return r.benchmark() + "|" + params(r) + "|" + r.mode();
    }

    static String params(Row r) {
        return r.params().toString().replaceAll("[{}]", "");
    }

    private static String loadParams(OpenLoop.Result load) {
        return load.mesh() + ", p99 ≤ " + io.meshbench.report.Plots.si(load.p99TargetMs()) + " ms";
    }

    private static Line line(Row earlier, Row later) {
        Row any = later != null ? later : earlier;
        String measure = switch (any.mode()) {
            case "sample" -> "p50";
            case "ss" -> "one run";
            default -> "mean";
        };
        return line(any.benchmark(), params(any), measure, any.unit(), value(earlier), value(later),
                earlier == null || "sample".equals(any.mode()) ? Double.NaN : earlier.error(),
                later == null || "sample".equals(any.mode()) ? Double.NaN : later.error());
    }

    private static double value(Row r) {
        return r == null ? Double.NaN : "sample".equals(r.mode()) ? r.p50() : r.score();
    }

    private static Line line(String benchmark, String params, String measure, String unit, double earlier, double later,
                             double earlierError, double laterError) {
        if (Double.isNaN(later)) {
            return new Line(benchmark, params, measure, unit, earlier, later, Double.NaN, Verdict.ONLY_EARLIER);
        }
        if (Double.isNaN(earlier)) {
            return new Line(benchmark, params, measure, unit, earlier, later, Double.NaN, Verdict.ONLY_LATER);
        }
        double factor = earlier == later ? 1 : Quantity.of(unit).higherIsBetter() ? later / earlier : earlier / later;
        boolean withinError = !Double.isNaN(earlierError) && !Double.isNaN(laterError)
                && Math.abs(later - earlier) <= earlierError + laterError;
        Verdict verdict = withinError || (factor >= 1 / (1 + SAME_WITHIN) && factor <= 1 + SAME_WITHIN) ? Verdict.SAME
                : factor > 1 ? Verdict.FASTER : Verdict.SLOWER;
        return new Line(benchmark, params, measure, unit, earlier, later, factor, verdict);
    }

    private static List<Target> targets(BenchResults earlier, BenchResults later) {
        Map<String, Checks.Check> before = new LinkedHashMap<>();
        Checks.of(earlier).forEach(c -> before.putIfAbsent(c.what() + "|" + c.target(), c));
        List<Target> targets = new ArrayList<>();
        for (Checks.Check c : Checks.of(later)) {
            Checks.Check e = before.remove(c.what() + "|" + c.target());
            targets.add(new Target(c.what(), c.target(), e == null ? "not measured" : e.measured(),
                    e == null ? null : e.verdict(), e == null ? "" : e.verdictText(), c.measured(), c.verdict(), c.verdictText()));
        }
        before.values().forEach(e -> targets.add(new Target(e.what(), e.target(), e.measured(), e.verdict(), e.verdictText(),
                "not measured", null, "")));
        return List.copyOf(targets);
    }

    private static List<String> notes(BenchResults earlier, BenchResults later) {
        List<String> notes = new ArrayList<>();
        if (earlier.size() != later.size()) {
            notes.add("the runs are of different suites (earlier " + name(earlier) + ", this one " + name(later)
                    + "): shorter runs have fewer iterations and noisier numbers");
        }
        Machine a = earlier.machine(), b = later.machine();
        if (a.cores() != b.cores()) {
            notes.add("different machines: earlier " + a.cores() + " cores, this one " + b.cores());
        }
        if (!a.jdk().equals(b.jdk())) {
            notes.add("different JDKs: earlier " + a.jdk() + ", this one " + b.jdk());
        }
        double loadA = meanLoad(earlier), loadB = meanLoad(later);
        if (!Double.isNaN(loadA) && !Double.isNaN(loadB) && Math.abs(loadA - loadB) >= 1) {
            notes.add(String.format(Locale.ROOT, "the machine was busier during the %s run (mean load average %.2f against "
                    + "%.2f on %d cores): part of the difference is that load", loadA > loadB ? "earlier" : "later",
                    Math.max(loadA, loadB), Math.min(loadA, loadB), b.cores()));
        }
        return List.copyOf(notes);
    }

    static String name(BenchResults r) {
        return r.size().name().toLowerCase(Locale.ROOT);
    }

    /** The mean of the load averages the run's benchmarks started at. */
    public static double meanLoad(BenchResults r) {
        return r.rows().stream().mapToDouble(Row::loadBefore).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
