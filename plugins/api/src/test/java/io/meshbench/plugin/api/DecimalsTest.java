package io.meshbench.plugin.api;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Decimals} writes exactly what {@code String.format(Locale.ROOT, "%.Nf")} writes. */
class DecimalsTest {

    private static void same(double value) {
        for (int places = 0; places <= 4; places++) {
            assertEquals(String.format(Locale.ROOT, "%." + places + "f", value), Decimals.fixed(value, places),
                    value + " with " + places + " places");
        }
    }

    @Test
    void edgeCases() {
        double[] values = {0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 1.005, 1.015, 0.045, 0.995, 0.9999, 0.99999, 9.995,
                99.995, 100, 12.345, 1e-300, Double.MIN_VALUE, 999_999.995, 1e6, 1e7 + 0.125, 1e20, Double.MAX_VALUE,
                -1, -0.004, -0.005, -1.555, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                0.285 * 100, 0.575 * 100, 0.145 * 100, 0.1 + 0.2, 1.0 / 3, 2.0 / 3};
        for (double v : values) {
            same(v);
        }
    }

    @Test
    void randomValuesAsLoadsPercentsAndSeconds() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 200_000; i++) {
            same(random.nextInt(10_001) / 10_000.0 * 100); // a CPU load as a percent, as the bids carry it
            same(random.nextDouble() * 100);
            same(random.nextInt(1_000_000) / 1000.0);       // values on a half exactly, and near
            same(random.nextInt(2_000_001) / 2000.0 + random.nextInt(3) * Math.ulp(1000.0));
            same(Double.longBitsToDouble(random.nextLong()));
            same(random.nextDouble() * 2e6 - 1e6);
        }
    }

    @Test
    void placesOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Decimals.fixed(1, -1));
        assertThrows(IllegalArgumentException.class, () -> Decimals.fixed(1, 5));
    }

    @Test
    void groupedAsTheFormatterGroups() {
        long[] values = {0, 1, 12, 123, 1_000, 9_999, 10_000, 123_456, 1_234_567, -1, -999, -1_000, -1_234_567,
                Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE};
        for (long v : values) {
            assertEquals(String.format(Locale.ROOT, "%,d", v), Decimals.grouped(v), Long.toString(v));
        }
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            assertEquals(String.format(Locale.ROOT, "%,d", v), Decimals.grouped(v), Long.toString(v));
        }
    }
}
