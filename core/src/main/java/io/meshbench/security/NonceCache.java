package io.meshbench.security;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The nonces of sealed lines seen within the time window, so that a replayed line is refused. Only
 * lines whose MAC held reach it, so only key holders can fill it; it is bounded all the same, and
 * refuses (with a reason) rather than forget a nonce that is still inside the window. Thread-safe.
 */
public final class NonceCache {

    private record Seen(String key, long expires) {
    }

    private final int capacity;
    private final long windowSeconds;
    private final Set<String> seen = new HashSet<>();
    private final ArrayDeque<Seen> order = new ArrayDeque<>();

    public NonceCache(int capacity, long windowSeconds) {
        this.capacity = capacity;
        this.windowSeconds = windowSeconds;
    }

    /** Admits {@code nonce} from {@code sender}; returns {@code null}, or why it is refused. */
    synchronized String admit(String sender, String nonce, long timestamp, long nowSeconds) {
        while (!order.isEmpty() && order.peekFirst().expires() < nowSeconds) {
            seen.remove(order.pollFirst().key());
        }
        String key = sender + '|' + nonce;
        if (seen.contains(key)) {
            return "replayed line from " + sender + ": nonce " + nonce + " was already used";
        }
        if (seen.size() >= capacity) {
            return "more than " + capacity + " sealed lines within " + windowSeconds + " s; line refused until older ones expire";
        }
        seen.add(key);
        // kept until no line with this timestamp can pass the window check any more
        long expires = Math.max(timestamp, nowSeconds) + windowSeconds;
        if (!order.isEmpty() && order.peekLast().expires() > expires) {
            expires = order.peekLast().expires(); // keep the queue in order: hold it a little longer
        }
        order.addLast(new Seen(key, expires));
        return null;
    }

    public synchronized int size() {
        return seen.size();
    }
}
