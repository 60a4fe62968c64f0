package io.meshbench.plugin.api;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One reading of a device's load. A value the source cannot know is empty, never invented.
 *
 * @param cpuLoad CPU load in [0, 1]
 * @param ramLoad share of RAM in use in [0, 1]
 * @param battery battery level in percent, 0 to 100
 */
public record MetricSample(OptionalDouble cpuLoad, OptionalDouble ramLoad, OptionalInt battery) {

    /** Checks the fields; a value out of range throws {@link IllegalArgumentException}. */
    public MetricSample {
        requireShare("cpuLoad", cpuLoad);
        requireShare("ramLoad", ramLoad);
        if (battery.isPresent() && (battery.getAsInt() < 0 || battery.getAsInt() > 100)) {
            throw new IllegalArgumentException("battery must be 0..100 percent, got " + battery.getAsInt());
        }
    }

    /** The battery levels 0 to 100, made once: a mesh samples every device every interval. */
    private static final OptionalInt[] BATTERY_LEVELS = new OptionalInt[101];

    static {
        for (int i = 0; i < BATTERY_LEVELS.length; i++) {
            BATTERY_LEVELS[i] = OptionalInt.of(i);
        }
    }

    /** A sample where every value is known. */
    public static MetricSample of(double cpuLoad, double ramLoad, int battery) {
        OptionalInt level = battery >= 0 && battery <= 100 ? BATTERY_LEVELS[battery] : OptionalInt.of(battery);
        return new MetricSample(OptionalDouble.of(cpuLoad), OptionalDouble.of(ramLoad), level);
    }

    /** A sample where nothing is known. */
    public static MetricSample unknown() {
        return new MetricSample(OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty());
    }

    private static void requireShare(String name, OptionalDouble value) {
        if (value.isPresent()) {
            double v = value.getAsDouble();
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException(name + " must be within [0, 1], got " + v);
            }
        }
    }
}
