package io.meshbench.app.bridge;

/**
 * At most one go per interval, on the frame clock: canvases and tables ask it before they redraw,
 * so that a mesh sending thousands of messages a second costs the window a bounded number of
 * redraws, however many events arrive. Toolkit-free, so the views' models are tested without it.
 */
public final class Throttle {

    private final long intervalNanos;
    private long last = Long.MIN_VALUE;

    /** @param perSecond the most goes a second, above 0 */
    public Throttle(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a throttle needs a rate above 0, got " + perSecond);
        }
        this.intervalNanos = (long) (1e9 / perSecond);
    }

    /** Whether a go is allowed at {@code now} (nanoseconds); if so, it counts as taken. */
    public boolean due(long now) {
        if (last != Long.MIN_VALUE && now - last < intervalNanos) {
            return false;
        }
        last = now;
        return true;
    }

    /** Lets the next {@link #due} through at once (after a resize or a user's action). */
    public void reset() {
        last = Long.MIN_VALUE;
    }
}
