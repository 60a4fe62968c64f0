package io.meshbench.live;

import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;

import java.util.function.LongSupplier;

/**
 * Reports rejected input as events, at most {@value #PER_WINDOW} every ten seconds; the rest are
 * counted and reported in one event that says how many were not shown. A flood of junk lines thus
 * cannot grow the console, the logs or a recording without bound, and the flood itself stays visible.
 */
final class Rejections {

    static final int PER_WINDOW = 100;
    private static final long WINDOW_NANOS = 10_000_000_000L;

    private final String node;
    private final EventBus bus;
    private final LongSupplier now;
    private long windowStart = System.nanoTime();
    private int shown;
    private long hidden;
    private String lastSource = "";

    Rejections(String node, EventBus bus, LongSupplier now) {
        this.node = node;
        this.bus = bus;
        this.now = now;
    }

    void report(String source, String reason, String excerpt) {
        boolean publish;
        synchronized (this) {
            long t = System.nanoTime();
            if (t - windowStart > WINDOW_NANOS) {
                flushLocked();
                windowStart = t;
                shown = 0;
            }
            publish = shown < PER_WINDOW;
            if (publish) {
                shown++;
            } else {
                hidden++;
                lastSource = source;
            }
        }
        if (publish) {
            bus.publish(new MeshEvent.InputRejected(now.getAsLong(), node, source, reason, excerpt));
        }
    }

    synchronized void flush() {
        flushLocked();
    }

    private void flushLocked() {
        if (hidden > 0) {
            bus.publish(new MeshEvent.InputRejected(now.getAsLong(), node, lastSource, hidden + " more inputs were rejected"
                    + " in 10 s and not reported one by one (at most " + PER_WINDOW + " are, to keep logs and "
                    + "recordings bounded)", ""));
            hidden = 0;
        }
    }
}
