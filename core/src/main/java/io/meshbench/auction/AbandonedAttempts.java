package io.meshbench.auction;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attempts the orchestrator gave up on while their device may still run them, by device and task:
 * a CANCEL goes to the device at once and again when it is next heard from (it may have been
 * unreachable), and a RESULT that comes later is known as a late one. Bounded: past
 * {@value #LIMIT} entries the oldest are forgotten (a RESULT of one of those is then merely ignored).
 */
final class AbandonedAttempts {

    static final int LIMIT = 4096;

    /** Not yet cancelled since the device was last heard from. */
    private final Map<String, Map<String, Integer>> toCancel = new HashMap<>();
    private int toCancelCount;
    /** Cancelled once more on hearing from the device; kept to recognise late RESULTs. */
    private final Map<String, Map<String, Integer>> cancelled = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Integer>> eldest) {
            return size() > LIMIT;
        }
    };

    /**
     * Remembers an abandoned attempt; {@code again} when its first CANCEL may not arrive (the device
     * is suspect or down), so that another goes when the device is next heard from.
     */
    void add(String device, String taskId, int attempt, boolean again) {
        if (!again) {
            cancelled.computeIfAbsent(device, d -> new LinkedHashMap<>()).put(taskId, attempt);
            return;
        }
        if (toCancelCount >= LIMIT) {
            toCancel.clear();
            toCancelCount = 0;
        }
        if (toCancel.computeIfAbsent(device, d -> new LinkedHashMap<>()).put(taskId, attempt) == null) {
            toCancelCount++;
        }
    }

    /** The attempts on {@code device} still to cancel (task id to attempt), now handed over; empty if none. */
    Map<String, Integer> takeToCancel(String device) {
        Map<String, Integer> pending = toCancel.remove(device);
        if (pending == null) {
            return Map.of();
        }
        toCancelCount -= pending.size();
        cancelled.computeIfAbsent(device, d -> new LinkedHashMap<>()).putAll(pending);
        return pending;
    }

    /** The abandoned attempt of {@code taskId} on {@code device}, forgotten now; null if there is none. */
    Integer forget(String device, String taskId) {
        Integer attempt = null;
        Map<String, Integer> pending = toCancel.get(device);
        if (pending != null && (attempt = pending.remove(taskId)) != null) {
            toCancelCount--;
            if (pending.isEmpty()) {
                toCancel.remove(device);
            }
        }
        Map<String, Integer> done = cancelled.get(device);
        Integer cancelledAttempt = done == null ? null : done.remove(taskId);
        return attempt != null ? attempt : cancelledAttempt;
    }
}
