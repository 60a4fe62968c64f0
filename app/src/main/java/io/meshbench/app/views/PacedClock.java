package io.meshbench.app.views;

/**
 * Maps the wall clock onto virtual time: from a base pair (virtual, wall), virtual time runs at
 * {@code speed} times the wall clock. Changing the speed, pausing or resuming starts a new base at
 * the current virtual time, so the run never jumps. Not thread-safe; its owner guards it.
 */
public final class PacedClock {

    private long virtualBase;
    private long wallBase;
    private Speed speed = Speed.REAL_TIME;

    public PacedClock(long virtualStart, long wallNow) {
        this.virtualBase = virtualStart;
        this.wallBase = wallNow;
    }

    /** The virtual time the run should have reached at {@code wallNow} (unpaced: as far as it likes). */
    public long target(long wallNow) {
        if (speed.unpaced()) {
            return Long.MAX_VALUE;
        }
        double elapsed = Math.max(0, wallNow - wallBase) * speed.factor();
        return elapsed >= Long.MAX_VALUE - virtualBase ? Long.MAX_VALUE : virtualBase + (long) elapsed;
    }

    /** Starts a new base: virtual time {@code virtualNow} at {@code wallNow}. */
    public void rebase(long virtualNow, long wallNow) {
        virtualBase = virtualNow;
        wallBase = wallNow;
    }

    public Speed speed() {
        return speed;
    }

    /** Changes the speed from {@code virtualNow} on. */
    public void setSpeed(Speed newSpeed, long virtualNow, long wallNow) {
        speed = newSpeed;
        rebase(virtualNow, wallNow);
    }
}
