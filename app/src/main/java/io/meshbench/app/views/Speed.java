package io.meshbench.app.views;

import java.util.List;
import java.util.Locale;

/**
 * How fast a run or a replay goes: virtual (or recorded) time per wall-clock time, from a tenth of
 * real time to a hundred times, or as fast as the machine and the window allow.
 *
 * @param factor virtual nanoseconds per wall nanosecond; infinite for as fast as possible
 */
public record Speed(double factor) {

    public static final Speed REAL_TIME = new Speed(1);
    public static final Speed AS_FAST_AS_POSSIBLE = new Speed(Double.POSITIVE_INFINITY);

    /** The speeds the window offers, slowest first. */
    public static final List<Speed> CHOICES = List.of(new Speed(0.1), new Speed(0.25), new Speed(0.5), REAL_TIME,
            new Speed(2), new Speed(5), new Speed(10), new Speed(25), new Speed(50), new Speed(100),
            AS_FAST_AS_POSSIBLE);

    public Speed {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("a speed must be above 0, got " + factor);
        }
    }

    /** {@code 0.1} to {@code 1000} (a trailing {@code x} is allowed), or {@code max} for as fast as possible. */
    public static Speed parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return AS_FAST_AS_POSSIBLE;
        }
        try {
            double factor = Double.parseDouble(t.endsWith("x") || t.endsWith("×") ? t.substring(0, t.length() - 1) : t);
            if (factor >= 0.01 && factor <= 1000) {
                return new Speed(factor);
            }
        } catch (NumberFormatException ignored) {
            // refused below, with what is allowed
        }
        throw new IllegalArgumentException("speed must be a factor from 0.01 to 1000 (e.g. 0.5, 10, 100x) or max, got \""
                + text + "\"");
    }

    public boolean unpaced() {
        return Double.isInfinite(factor);
    }

    @Override
    public String toString() {
        if (unpaced()) {
            return "as fast as possible";
        }
        return (factor == Math.rint(factor) ? String.format(Locale.ROOT, "%.0f", factor)
                : String.format(Locale.ROOT, "%s", factor)) + "×";
    }
}
