package io.meshbench.schedule;

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

    private record Key(String device, boolean npu, int sizeClass) {
    }

    private static final int ANY_SIZE = -1;

    private final Map<Key, double[]> averages = new HashMap<>();

    /** The size class of a prompt of {@code tokens} tokens: 0 up to 16 tokens, then one per doubling. */
    public static int sizeClass(int tokens) {
        return tokens <= 16 ? 0 : 32 - Integer.numberOfLeadingZeros(tokens - 1) - 4;
    }

    /** Records that {@code device} took {@code seconds} for one task of {@code tokens} tokens. */
    public void observe(String device, boolean npu, int tokens, double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return;
        }
        update(new Key(device, npu, sizeClass(tokens)), seconds);
        update(new Key(device, npu, ANY_SIZE), seconds);
    }

    private void update(Key key, double seconds) {
        double[] avg = averages.get(key);
        if (avg == null) {
            averages.put(key, new double[] {seconds});
        } else {
            avg[0] += ALPHA * (seconds - avg[0]);
        }
    }

    /** The predicted seconds of one task of {@code tokens} tokens on {@code device}'s NPU or CPU; empty when cold. */
    public OptionalDouble expectedSeconds(String device, boolean npu, int tokens) {
        double[] avg = averages.get(new Key(device, npu, sizeClass(tokens)));
        if (avg == null) {
            avg = averages.get(new Key(device, npu, ANY_SIZE));
        }
        return avg == null ? OptionalDouble.empty() : OptionalDouble.of(avg[0]);
    }

    /** Devices and units with a prediction. */
    public int size() {
        return (int) averages.keySet().stream().filter(k -> k.sizeClass() == ANY_SIZE).count();
    }
}
