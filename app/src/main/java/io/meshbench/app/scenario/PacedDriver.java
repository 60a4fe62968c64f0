package io.meshbench.app.scenario;

import io.meshbench.app.views.PacedClock;
import io.meshbench.app.views.Speed;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Drives a virtual-time run against the wall clock: each {@link #tick()} runs the mesh's events up
 * to virtual time = base + speed × wall time elapsed, in slices short enough that a pause or a
 * speed change takes effect at once. Unpaced ("as fast as possible") it runs as fast as the window
 * takes the events: while the window is backlogged it waits. A run that cannot keep up with its
 * speed does not build up a debt to catch up on later: past a second behind, the clock restarts.
 *
 * <p>{@link #tick()} is called by one thread (the driver's, or a test's with a hand-moved clock);
 * the controls may be called from any thread.
 */
public final class PacedDriver {

    /** A run that can be advanced in virtual time. */
    public interface Run {
        long nowNanos();

        void advanceTo(long nanos);

        boolean finished();
    }

    /** What a tick did. */
    public enum Tick { RAN, PAUSED, WAITING, FINISHED }

    /** Wall time one tick may spend running the mesh before it looks at the controls again. */
    static final long TICK_BUDGET_NANOS = 25_000_000L;
    /** Virtual time per slice when unpaced, at first; it adapts to how long a slice takes. */
    static final long FIRST_SLICE_NANOS = 50_000_000L;

    private final Run run;
    private final LongSupplier wall;
    private final BooleanSupplier backlogged;
    private final PacedClock clock;
    private boolean paused = true;
    private long slice = FIRST_SLICE_NANOS;
    private boolean behind;

    /**
     * @param wall       the wall clock, in nanoseconds
     * @param backlogged true while the window has more events waiting than it can show soon
     */
    public PacedDriver(Run run, LongSupplier wall, BooleanSupplier backlogged) {
        this.run = run;
        this.wall = wall;
        this.backlogged = backlogged;
        this.clock = new PacedClock(run.nowNanos(), wall.getAsLong());
    }

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        if (paused) {
            paused = false;
            clock.rebase(run.nowNanos(), wall.getAsLong());
        }
    }

    public synchronized boolean paused() {
        return paused;
    }

    public synchronized void setSpeed(Speed speed) {
        clock.setSpeed(speed, run.nowNanos(), wall.getAsLong());
    }

    public synchronized Speed speed() {
        return clock.speed();
    }

    /** Whether the last tick could not reach the time its speed asks for (the mesh is too heavy). */
    public synchronized boolean behind() {
        return behind;
    }

    /** Runs the mesh up to where the wall clock says it should be, within one tick's budget. */
    public Tick tick() {
        if (run.finished()) {
            return Tick.FINISHED;
        }
        long target;
        boolean unpaced;
        synchronized (this) {
            if (paused) {
                return Tick.PAUSED;
            }
            unpaced = clock.speed().unpaced();
            target = clock.target(wall.getAsLong());
        }
        if (unpaced && backlogged.getAsBoolean()) {
            return Tick.WAITING;
        }
        long started = wall.getAsLong();
        while (run.nowNanos() < target && !run.finished()) {
            long sliceStart = wall.getAsLong();
            run.advanceTo(unpaced ? run.nowNanos() + slice : Math.min(target, run.nowNanos() + slice));
            long took = wall.getAsLong() - sliceStart;
            // Keep a slice near a few milliseconds of work, so the controls answer quickly.
            if (took > TICK_BUDGET_NANOS / 4 && slice > 1_000_000L) {
                slice /= 2;
            } else if (took < TICK_BUDGET_NANOS / 20) {
                slice = Math.min(slice * 2, 60_000_000_000L);
            }
            if (wall.getAsLong() - started >= TICK_BUDGET_NANOS || paused() || (unpaced && backlogged.getAsBoolean())) {
                break;
            }
        }
        synchronized (this) {
            behind = !unpaced && target - run.nowNanos() > 0 && run.nowNanos() < target && !run.finished()
                    && (target - run.nowNanos()) > clock.speed().factor() * 1e9;
            if (behind) {
                clock.rebase(run.nowNanos(), wall.getAsLong());
            }
        }
        return run.finished() ? Tick.FINISHED : Tick.RAN;
    }
}
