package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchSuite;
import io.meshbench.bench.suite.Failure;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Carries the suite's progress from its threads (JMH's reporting thread, the load generator) to the
 * window's: the fraction never goes backwards and stays within 0..1, the time left is estimated from
 * the time taken so far, and however fast reports come, at most one update waits for the window
 * (the latest: older ones are of no use by then).
 */
final class ProgressRelay implements BenchSuite.Listener {

    /**
     * What the panel shows of a run's progress.
     *
     * @param failed     benchmarks failed so far (the run goes on)
     * @param lastFailed the latest of them, as {@code step: benchmark}; empty when none
     */
    record Progress(double fraction, String step, long elapsedNanos, long leftNanos, int failed, String lastFailed) {

        /** {@code 42% · codec · 1m 05s, about 1m 30s left}, and what failed so far. */
        String text() {
            String left = leftNanos < 0 ? "" : ", about " + duration(leftNanos) + " left";
            String failures = failed == 0 ? "" : String.format(Locale.ROOT,
                    " · %d failed so far (latest %s; the others go on, all listed at the end)", failed, lastFailed);
            return String.format(Locale.ROOT, "%.0f%% · %s · %s%s%s", fraction * 100, step, duration(elapsedNanos), left,
                    failures);
        }
    }

    private final Executor fx;
    private final Consumer<Progress> show;
    private final LongSupplier clock;
    private final long start;
    private final AtomicReference<Progress> latest = new AtomicReference<>();
    private final AtomicBoolean posted = new AtomicBoolean();
    private double fraction;
    private String step = "";
    private int failed;
    private String lastFailed = "";

    ProgressRelay(Executor fx, Consumer<Progress> show, LongSupplier clock) {
        this.fx = fx;
        this.show = show;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    @Override
    public void progress(double fraction, String what) {
        Progress p;
        synchronized (this) {
            if (fraction > this.fraction && fraction <= 1) {
                this.fraction = fraction;
            } else if (fraction > 1) {
                this.fraction = 1;
            }
            long elapsed = clock.getAsLong() - start;
            // Too little done to tell yet: no estimate rather than a wild one.
            long left = this.fraction < 0.02 ? -1 : (long) (elapsed / this.fraction * (1 - this.fraction));
            step = what == null ? "" : what;
            p = new Progress(this.fraction, step, elapsed, left, failed, lastFailed);
        }
        latest.set(p);
        if (posted.compareAndSet(false, true)) {
            fx.execute(() -> {
                posted.set(false);
                show.accept(latest.get());
            });
        }
    }

    /** A benchmark failed: the progress line counts it at once. */
    @Override
    public void failed(Failure failure) {
        String now;
        synchronized (this) {
            failed++;
            lastFailed = failure.step() + ": " + failure.benchmark();
            now = step;
        }
        progress(fraction(), now);
    }

    private synchronized double fraction() {
        return fraction;
    }

    static String duration(long nanos) {
        long s = Math.max(0, Math.round(nanos / 1e9));
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + " s";
    }
}
