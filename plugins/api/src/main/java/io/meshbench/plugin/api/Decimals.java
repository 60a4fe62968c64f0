package io.meshbench.plugin.api;

import java.util.Locale;

/**
 * A number with a fixed count of decimals, as the reasons of selections print them: the same text
 * as {@code String.format(Locale.ROOT, "%.Nf", value)}, without the formatter's parse of its pattern
 * and its objects. A strategy words a reason on every auction, so this is on the orchestrator's path.
 */
public final class Decimals {

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000};
    private static final String[] PATTERNS = {"%.0f", "%.1f", "%.2f", "%.3f", "%.4f"};

    private Decimals() {
    }

    /**
     * {@code value} with {@code places} decimals (0 to 4), exactly as {@code String.format(Locale.ROOT,
     * "%." + places + "f", value)} writes it.
     */
    public static String fixed(double value, int places) {
        StringBuilder out = new StringBuilder(16);
        append(out, value, places);
        return out.toString();
    }

    /** Appends {@link #fixed(double, int) fixed(value, places)} to {@code out}; returns {@code out}. */
    public static StringBuilder append(StringBuilder out, double value, int places) {
        if (places < 0 || places >= POWERS.length) {
            throw new IllegalArgumentException("places must be 0 to " + (POWERS.length - 1) + ", not " + places);
        }
        // The formatter rounds the decimal digits of the double half up. Where value × 10^places is
        // clearly not near a half (nor large, nor negative, nor NaN), rounding the double itself gives
        // the same digits; near a half, or otherwise unusual, the formatter itself decides.
        if (value >= 0 && value < 1e6 && Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(-0.0)) {
            double scaled = value * POWERS[places];
            long whole = (long) scaled;
            double fraction = scaled - whole;
            if (Math.abs(fraction - 0.5) > 1e-6) {
                long rounded = fraction > 0.5 ? whole + 1 : whole;
                long power = POWERS[places];
                out.append(rounded / power);
                if (places > 0) {
                    out.append('.');
                    long decimals = rounded % power;
                    for (long p = power / 10; p > decimals && p > 1; p /= 10) {
                        out.append('0');
                    }
                    out.append(decimals);
                }
                return out;
            }
        }
        return out.append(String.format(Locale.ROOT, PATTERNS[places], value));
    }

    /** {@code value} with a comma between groups of three digits, as {@code String.format(Locale.ROOT, "%,d", value)}. */
    public static String grouped(long value) {
        String digits = Long.toString(value);
        int start = value < 0 ? 1 : 0;
        int length = digits.length() - start;
        if (length <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + length / 3).append(digits, 0, start);
        int first = length % 3 == 0 ? 3 : length % 3;
        out.append(digits, start, start + first);
        for (int i = start + first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }
}
