package io.meshbench.bench.suite;

import java.util.Locale;

/**
 * What a result's unit measures, which way is better, and how a change reads in words: a time gets faster,
 * a rate higher, memory less. One place for it, so that {@code bench --compare}, the summary and the window
 * word a row alike.
 */
public enum Quantity {
    /** Latencies and durations ({@code us/op}, {@code s}): lower is better. */
    TIME(false, "faster", "slower"),
    /** Throughputs ({@code ops/s}, {@code events/s}, {@code tasks/s}): higher is better. */
    RATE(true, "higher", "lower"),
    /** Memory ({@code MiB}, {@code B/phone}): lower is better. */
    MEMORY(false, "less memory", "more memory"),
    /** A count of work done ({@code tasks}): higher is better. */
    COUNT(true, "more", "fewer"),
    /** Any other unit: lower is taken as better. */
    OTHER(false, "better", "worse");

    private final boolean higherIsBetter;
    private final String better;
    private final String worse;

    Quantity(boolean higherIsBetter, String better, String worse) {
        this.higherIsBetter = higherIsBetter;
        this.better = better;
        this.worse = worse;
    }

    /** The quantity a unit measures, as the suites write units. */
    public static Quantity of(String unit) {
        String u = unit.strip();
        if (u.startsWith("ops/") || u.endsWith("/s") || u.endsWith("/min")) {
            return RATE;
        }
        if (u.matches("(ns|us|µs|ms|s|min)(/op)?")) {
            return TIME;
        }
        if (u.matches("(B|bytes|KiB|MiB|GiB|kB|KB|MB|GB)(/.+)?")) {
            return MEMORY;
        }
        if (u.equals("tasks") || u.equals("ops") || u.equals("events")) {
            return COUNT;
        }
        return OTHER;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The word for a change for the better: {@code faster}, {@code higher}, {@code less memory}. */
    public String better() {
        return better;
    }

    /** The word for a change for the worse: {@code slower}, {@code lower}, {@code more memory}. */
    public String worse() {
        return worse;
    }

    /**
     * A change in words, from how many times better the later value is ({@code factor}, below 1: worse):
     * {@code 1.52× faster}, {@code 2.10× lower}, {@code 1.30× more memory}, {@code higher (was 0)}.
     */
    public String change(double factor) {
        if (Double.isInfinite(factor)) { // the earlier throughput, or the later time, was 0
            return better + (higherIsBetter ? " (was 0)" : " (now 0)");
        }
        if (factor == 0) {
            return worse + (higherIsBetter ? " (now 0)" : " (was 0)");
        }
        return factor >= 1 ? String.format(Locale.ROOT, "%.2f× %s", factor, better)
                : String.format(Locale.ROOT, "%.2f× %s", 1 / factor, worse);
    }
}
