package io.meshbench.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The scale target, beside the other targets: {@code scale-10k} (1,000,000 full auctions on
 * 10,000 phones) in under 8 s of wall time with a peak resident set under 1 GiB.
 */
final class ScaleChecks {

    static final String SCENARIO = "scale-10k";
    static final double WALL_TARGET_S = 8;
    static final double RSS_TARGET_MIB = 1024;
    /**
     * The rule of summaries written before the scale suite probed other work: wall time was judged only when the
     * 1-minute load average at the start was at most this per core. Rows that carry probes are judged by
     * {@link OtherWork}, like every JMH step and open-loop rate.
     */
    static final double OLDER_BUSY_LOAD_PER_CORE = 0.5;

    private ScaleChecks() {
    }

    static List<Checks.Check> of(BenchResults r) {
        List<Checks.Check> checks = new ArrayList<>();
        String what = SCENARIO + ": 1,000,000 full auctions on 10,000 phones, ";
        Optional<Failure> failed = r.failures().stream().filter(f -> f.benchmark().equals(SCENARIO)).findFirst();
        Optional<Row> wall = ScaleRows.find(r, ScaleRows.WALL, SCENARIO);
        Optional<Row> rss = ScaleRows.find(r, ScaleRows.PEAK_RSS, SCENARIO);
        if (wall.isEmpty() && failed.isEmpty()) {
            return checks; // not a scale run
        }
        String why = failed.map(f -> " (failed: " + f.reason() + ")").orElse("");
        String load = wall.map(w -> String.format(Locale.ROOT, ", load avg %.2f→%.2f", w.loadBefore(), w.loadAfter()))
                .orElse("");
        // One run, no confidence interval: judged on the value, unless other work was busy around it.
        int cores = r.machine().cores();
        boolean busy = wall.map(w -> busy(w, cores)).orElse(false);
        String busyWhy = wall.map(w -> busyWords(w, cores)).orElse("");
        checks.add(check(what + "wall time", "< 8 s", wall.map(w -> String.format(Locale.ROOT, "%.1f s", w.score()))
                .orElse("not measured") + load + why, wall.isPresent() && failed.isEmpty()
                && wall.get().score() < WALL_TARGET_S, busy, busyWhy));
        checks.add(check(what + "peak RSS", "< 1 GiB", rss.filter(x -> !Double.isNaN(x.score()))
                .map(x -> String.format(Locale.ROOT, "%,.0f MiB", x.score())).orElse("not measured") + why,
                rss.isPresent() && failed.isEmpty() && rss.get().score() < RSS_TARGET_MIB, false, ""));
        return checks;
    }

    /** Whether the scenario ran on a busy machine: by its probes of other work, or in an older summary by its load. */
    static boolean busy(Row wall, int cores) {
        if (OtherWork.probed(wall.othersBefore(), wall.othersAfter())) {
            return OtherWork.busy(wall.othersBefore(), wall.othersAfter(), cores);
        }
        return wall.loadBefore() > OLDER_BUSY_LOAD_PER_CORE * cores;
    }

    private static String busyWords(Row wall, int cores) {
        if (OtherWork.probed(wall.othersBefore(), wall.othersAfter())) {
            return Checks.busyWords(wall.loadBefore(), wall.loadAfter(), OtherWork.most(wall.othersBefore(), wall.othersAfter()), cores);
        }
        return String.format(Locale.ROOT, "load average %.2f at the start on %d cores; an older summary, "
                + "no probe of other work recorded", wall.loadBefore(), cores);
    }

    private static Checks.Check check(String what, String target, String measured, boolean met, boolean busy, String why) {
        Checks.Verdict v = busy ? Checks.Verdict.BUSY : met ? Checks.Verdict.MET : Checks.Verdict.MISSED;
        return new Checks.Check(what, target, measured, v, busy ? why : "one run", "the seed has no simulator", Double.NaN);
    }
}
