package io.meshbench.bench.load;

import io.meshbench.bench.mesh.BenchMesh;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: auctions start on a fixed schedule ({@code rate} a second), whether
 * or not earlier ones have ended, and each one's latency is measured from the moment it was meant to
 * start, not from when it was sent. So a stalled orchestrator shows up as queueing in the latencies
 * instead of quietly lowering the rate (no coordinated omission). Auctions that have not ended when
 * the run drains count with their age then, never as missing.
 */
public final class OpenLoop {

    /** One rate: what was asked, what came back, and the latencies in milliseconds. */
    public record Step(double rate, long started, long completed, long failed, double p50Ms, double p99Ms,
                       double maxMs) {
        public boolean meets(double p99TargetMs) {
            return failed == 0 && completed == started && p99Ms <= p99TargetMs;
        }
    }

    /** The steps run, and the highest rate whose p99 met the target with no failure (0 if none did). */
    public record Result(String mesh, double p99TargetMs, List<Step> steps, double sustainedRate) {
    }

    private OpenLoop() {
    }

    /** Runs auctions at {@code rate} a second for {@code duration}, then waits up to 2 s for the stragglers. */
    public static Step run(BenchMesh mesh, double rate, Duration duration) throws InterruptedException {
        Histogram latencies = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long count = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        double interval = 1e9 / rate;
        long[] intended = new long[(int) count];
        boolean[] done = new boolean[(int) count];
        long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * interval);
            intended[i] = due;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 200_000) {
                    LockSupport.parkNanos(wait - 100_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            int index = i;
            mesh.submit(BenchMesh.Phase.AUCTION).whenComplete((id, failure) -> {
                long latency = System.nanoTime() - intended[index];
                synchronized (latencies) {
                    if (done[index]) {
                        return; // ended after the drain: already counted with its age then
                    }
                    done[index] = true;
                    latencies.recordValue(Math.min(latency, latencies.getHighestTrackableValue()));
                }
                (failure == null ? completed : failed).incrementAndGet();
            });
        }
        long drainUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (completed.get() + failed.get() < count && System.nanoTime() < drainUntil) {
            Thread.sleep(5); // waiting out the last replies; their latencies are taken from their own start
        }
        synchronized (latencies) {
            long now = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (!done[i]) {
                    done[i] = true; // a late completion must not count twice
                    latencies.recordValue(Math.min(now - intended[i], latencies.getHighestTrackableValue()));
                }
            }
            return new Step(rate, count, completed.get(), failed.get(),
                    latencies.getValueAtPercentile(50) / 1e6, latencies.getValueAtPercentile(99) / 1e6,
                    latencies.getMaxValue() / 1e6);
        }
    }

    /**
     * Runs each rate in turn, lowest first, and stops after the first that misses the p99 target;
     * {@code onStep} hears of each as it ends.
     */
    public static Result sustained(BenchMesh mesh, double[] rates, Duration each, double p99TargetMs,
                                   java.util.function.Consumer<Step> onStep) throws InterruptedException {
        run(mesh, Math.min(500, rates[0]), Duration.ofMillis(Math.min(1000, each.toMillis()))); // warm-up, not reported
        List<Step> steps = new ArrayList<>();
        double best = 0;
        for (double rate : rates) {
            Step step = run(mesh, rate, each);
            steps.add(step);
            onStep.accept(step);
            if (!step.meets(p99TargetMs)) {
                break;
            }
            best = rate;
        }
        return new Result(mesh.describe(), p99TargetMs, steps, best);
    }
}
