package io.meshbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A linear scale from data values to pixels, with round tick values (1, 2 or 5 times a power of ten). */
record Axis(double min, double max, double from, double to) {

    static Axis of(double min, double max, double from, double to) {
        if (!(max > min)) {
            max = min + 1;
        }
        return new Axis(min, max, from, to);
    }

    double px(double value) {
        return from + (value - min) / (max - min) * (to - from);
    }

    List<Double> ticks(int wanted) {
        double step = step((max - min) / Math.max(1, wanted));
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    static double step(double rough) {
        if (!(rough > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    /** A round upper bound for data that reaches {@code max}. */
    static double niceMax(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double step = step(max / 5);
        return Math.ceil(max / step) * step;
    }

    /** Seconds as a time label: "0 s", "90 s", "2.5 min", "1.5 h". */
    static String time(double seconds, double span) {
        if (span >= 2 * 3600) {
            return number(seconds / 3600) + " h";
        }
        if (span >= 180) {
            return number(seconds / 60) + " min";
        }
        return number(seconds) + " s";
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value).replaceAll("\\.?0+$", "");
    }
}
