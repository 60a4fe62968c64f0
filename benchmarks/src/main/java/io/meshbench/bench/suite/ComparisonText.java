package io.meshbench.bench.suite;

import java.util.Locale;

/** A {@link Comparison} as Markdown: what {@code meshbench bench --compare} prints. */
public final class ComparisonText {

    private ComparisonText() {
    }

    public static String markdown(Comparison c, String earlierName, String laterName) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Earlier: %s (%s suite, %d cores, load average %.2f)%n", earlierName,
                Comparison.name(c.earlier()), c.earlier().machine().cores(), Comparison.meanLoad(c.earlier())));
        s.append(String.format(Locale.ROOT, "Now:     %s (%s suite, %d cores, load average %.2f)%n", laterName,
                Comparison.name(c.later()), c.later().machine().cores(), Comparison.meanLoad(c.later())));
        if (!c.later().failures().isEmpty()) {
            s.append(String.format(Locale.ROOT, "Failed:  %d benchmark(s) of this run: %s%n", c.later().failures().size(),
                    String.join("; ", c.later().failures().stream().map(f -> f.step() + ": " + f.reason()).toList())));
        }
        for (String note : c.notes()) {
            s.append("Note:    ").append(note).append('\n');
        }
        s.append('\n').append(tally(c)).append("\n\n");
        s.append("| target | goal | earlier | met | now | met |\n|---|---|---|---|---|---|\n");
        for (Comparison.Target t : c.targets()) {
            s.append("| ").append(t.what()).append(" | ").append(t.goal()).append(" | ").append(t.earlier()).append(" | ")
                    .append(met(t.earlierVerdict(), t.earlierWords())).append(" | ").append(t.later()).append(" | ")
                    .append(met(t.laterVerdict(), t.laterWords()))
                    .append(" |\n");
        }
        s.append("\n| benchmark | params | measure | unit | earlier | now | change |\n|---|---|---|---|---|---|---|\n");
        for (Comparison.Line l : c.lines()) {
            String change = l.change();
            if (l.verdict() == Comparison.Verdict.FASTER || l.verdict() == Comparison.Verdict.SLOWER) {
                change = "**" + change + "**";
            }
            s.append("| ").append(l.benchmark()).append(" | ").append(l.params()).append(" | ").append(l.measure())
                    .append(" | ").append(l.unit()).append(" | ").append(value(l.earlier())).append(" | ")
                    .append(value(l.later())).append(" | ").append(change).append(" |\n");
        }
        return s.toString();
    }

    /** A value as the tables show it (three significant digits, k and M), or a dash when not measured. */
    public static String value(double v) {
        return Double.isNaN(v) ? "–" : io.meshbench.report.Plots.si(v);
    }

    private static String met(Checks.Verdict verdict, String words) {
        return verdict == null ? "" : verdict == Checks.Verdict.MISSED ? "**" + words + "**" : words;
    }

    /** {@code 12 better (faster, higher or less memory), 3 worse, 30 the same (...), 0 only earlier, 0 only now}. */
    public static String tally(Comparison c) {
        return String.format(Locale.ROOT, "%d better (faster, higher or less memory), %d worse, %d the same "
                        + "(within %.0f%% or JMH's error), %d only earlier, %d only now", c.count(Comparison.Verdict.FASTER),
                c.count(Comparison.Verdict.SLOWER), c.count(Comparison.Verdict.SAME), Comparison.SAME_WITHIN * 100,
                c.count(Comparison.Verdict.ONLY_EARLIER), c.count(Comparison.Verdict.ONLY_LATER));
    }
}
