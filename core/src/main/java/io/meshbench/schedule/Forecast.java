package io.meshbench.schedule;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Predicts how long a device takes for one task: a decaying average (exponentially weighted,
 * weight {@value #ALPHA} on the newest observation) of its past tasks' seconds, per device, per
 * unit (NPU or CPU) and per prompt size (powers of two of tokens). A size it has not seen falls
 * back to the device's average on that unit; a device not seen on that unit has no prediction
 * (a cold start: the strategy decides from the bid). Fed live by the orchestrator's own results,
 * and at start from the history database. Not thread-safe: it belongs to one state machine.
 */
public final class Forecast {

    /** The newest observation's weight in the decaying average. */
    public static final double ALPHA = 0.3;

    /** Size classes a prompt can have (0 to 27), plus one slot for any size. */
    private static final int SLOTS = 29;
    private static final int ANY_SIZE = 0;

    /**
     * One device's averages: per unit, a slot per size class (class + 1) and slot 0 for any size;
     * NaN where nothing was seen (an observation is never NaN). Made on the first look-up, so the
     * orchestrator can keep it beside the device's outstanding work and reach both with one look-up.
     */
    static final class Device {
        private double[] npu;
        private double[] cpu;

        /** The prediction for a size class on a unit: its own average, else the unit's, else NaN. */
        double seconds(boolean onNpu, int sizeClass) {
            double[] a = onNpu ? npu : cpu;
            if (a == null) {
                return Double.NaN;
            }
            double s = a[sizeClass + 1];
            return s == s ? s : a[ANY_SIZE];
        }
    }

    private final Map<String, Device> devices = new HashMap<>();
    private int size;

    /** The size class of a prompt of {@code tokens} tokens: 0 up to 16 tokens, then one per doubling. */
    public static int sizeClass(int tokens) {
        return tokens <= 16 ? 0 : 32 - Integer.numberOfLeadingZeros(tokens - 1) - 4;
    }

    /** Records that {@code device} took {@code seconds} for one task of {@code tokens} tokens. */
    public void observe(String device, boolean npu, int tokens, double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return;
        }
        Device d = device(device);
        double[] a = npu ? d.npu : d.cpu;
        if (a == null) {
            a = new double[SLOTS];
            Arrays.fill(a, Double.NaN);
            if (npu) {
                d.npu = a;
            } else {
                d.cpu = a;
            }
        }
        update(a, sizeClass(tokens) + 1, seconds);
        if (update(a, ANY_SIZE, seconds)) {
            size++;
        }
    }

    /** Folds {@code seconds} into slot {@code i}; true when it is the slot's first. */
    private static boolean update(double[] a, int i, double seconds) {
        double avg = a[i];
        if (avg != avg) {
            a[i] = seconds;
            return true;
        }
        a[i] = avg + ALPHA * (seconds - avg);
        return false;
    }

    /** {@code device}'s averages, made (empty) if it has none. */
    Device device(String device) {
        Device d = devices.get(device);
        if (d == null) {
            d = new Device();
            devices.put(device, d);
        }
        return d;
    }

    /** The predicted seconds of one task of {@code tokens} tokens on {@code device}'s NPU or CPU; empty when cold. */
    public OptionalDouble expectedSeconds(String device, boolean npu, int tokens) {
        double s = expectedSecondsOrNaN(device, npu, tokens);
        return s == s ? OptionalDouble.of(s) : OptionalDouble.empty();
    }

    /** {@link #expectedSeconds} without the box: NaN when cold. */
    public double expectedSecondsOrNaN(String device, boolean npu, int tokens) {
        Device d = devices.get(device);
        return d == null ? Double.NaN : d.seconds(npu, sizeClass(tokens));
    }

    /** Devices and units with a prediction. */
    public int size() {
        return size;
    }
}
