package io.meshbench.bench.load;

import io.meshbench.bench.mesh.BenchMesh;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * An open-loop load generator: round trips (auctions, or full tasks to the winner's {@code RESULT}) start
 * on a fixed schedule ({@code rate} a second), whether or not earlier ones have ended, and each one's
 * latency is measured from the moment it was meant to start, not from when it was sent. So a stalled
 * orchestrator shows up as queueing in the latencies instead of quietly lowering the rate (no
 * coordinated omission). Round trips that have not ended when the run drains count with their age then,
 * never as missing. Each rate runs several times ({@link Level}), and whether it is sustained is decided on
 * the median p99 of its repeats, with their spread reported beside it.
 */
public final class OpenLoop {

    /** One run at one rate: what was asked, what came back, and the latencies in milliseconds. */
    public record Step(double rate, long started, long completed, long failed, double p50Ms, double p99Ms,
                       double maxMs) {
        public boolean meets(double p99TargetMs) {
            return failed == 0 && completed == started && p99Ms <= p99TargetMs;
        }
    }

    /**
     * One rate, run {@code repeats.size()} times: the median and spread (min–max) of p50 and p99 across the
     * repeats, and whether it is sustained (no round trip failed and the median p99 met the target).
     *
     * @param othersBefore CPU cores busy with other work just before the first repeat (NaN: not probed)
     * @param othersAfter  and just after the last
     * @param loadBefore   the 1-minute load average before the first repeat
     * @param loadAfter    and after the last
     */
    public record Level(double rate, List<Step> repeats, double p50Median, double p50Min, double p50Max,
                        double p99Median, double p99Min, double p99Max, boolean sustained,
                        double othersBefore, double othersAfter, double loadBefore, double loadAfter) {

        static Level of(double rate, List<Step> repeats, double p99TargetMs, double othersBefore, double othersAfter,
                        double loadBefore, double loadAfter) {
            double[] p50 = repeats.stream().mapToDouble(Step::p50Ms).sorted().toArray();
            double[] p99 = repeats.stream().mapToDouble(Step::p99Ms).sorted().toArray();
            boolean clean = repeats.stream().allMatch(r -> r.failed() == 0);
            return new Level(rate, List.copyOf(repeats), median(p50), p50[0], p50[p50.length - 1], median(p99), p99[0],
                    p99[p99.length - 1], clean && median(p99) <= p99TargetMs, othersBefore, othersAfter, loadBefore,
                    loadAfter);
        }

        /** How many repeats met the target on their own. */
        public long repeatsMeeting(double p99TargetMs) {
            return repeats.stream().filter(r -> r.meets(p99TargetMs)).count();
        }
    }

    /**
     * The rates tried for one kind of round trip, lowest first, up to the first one not sustained.
     *
     * @param phase         {@code AUCTION} (to the winner chosen) or {@code TASK} (to the winner's RESULT)
     * @param sustainedRate the highest rate sustained (0 if none was)
     */
    public record Series(String phase, List<Level> levels, double sustainedRate) {
    }

    /**
     * A load run.
     *
     * @param steps         every run of the auction series, in order (as older suites wrote them: one per rate)
     * @param sustainedRate the auction series' sustained rate
     * @param series        the auction and the full-task series (empty in older summaries)
     * @param repeats       runs per rate
     * @param stepMs        length of one run
     */
    public record Result(String mesh, double p99TargetMs, List<Step> steps, double sustainedRate, List<Series> series,
                         int repeats, long stepMs) {

        public Result {
            series = series == null ? List.of() : List.copyOf(series);
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        /** A result as older suites wrote it: one auction run per rate. */
        public Result(String mesh, double p99TargetMs, List<Step> steps, double sustainedRate) {
            this(mesh, p99TargetMs, steps, sustainedRate, List.of(), 1, 0);
        }

        /** The series of {@code phase} ({@code AUCTION} or {@code TASK}), if it ran. */
        public java.util.Optional<Series> series(BenchMesh.Phase phase) {
            return series.stream().filter(s -> s.phase().equals(phase.name())).findFirst();
        }
    }

    private OpenLoop() {
    }

    /** Runs auctions at {@code rate} a second for {@code duration}, then waits up to 2 s for the stragglers. */
    public static Step run(BenchMesh mesh, double rate, Duration duration) throws InterruptedException {
        return run(mesh, BenchMesh.Phase.AUCTION, rate, duration);
    }

    /** Runs round trips to {@code phase} at {@code rate} a second for {@code duration}, then waits up to 2 s for the stragglers. */
    public static Step run(BenchMesh mesh, BenchMesh.Phase phase, double rate, Duration duration) throws InterruptedException {
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
            // Parked, never spun: at 15,000 starts a second a spinning generator takes a whole core of
            // a 2-core machine from the mesh it measures. A start the timer wakes late is timed from
            // its intended moment all the same, so the lateness counts against the mesh, not for it.
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            mesh.submit(phase).whenComplete((id, failure) -> {
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

    /** What the load generator hears about the machine between runs: probes taken while the mesh is idle. */
    public interface Machine {
        /** CPU cores busy with other work now (NaN: unknown). */
        double others();

        /** The 1-minute load average now. */
        double load();

        Machine NONE = new Machine() {
            @Override
            public double others() {
                return Double.NaN;
            }

            @Override
            public double load() {
                return Double.NaN;
            }
        };
    }

    /**
     * Runs each rate {@code repeats} times, lowest first, and stops after the first rate not sustained;
     * {@code onRun} hears of each run as it ends.
     */
    public static Series series(BenchMesh mesh, BenchMesh.Phase phase, double[] rates, int repeats, Duration each,
                                double p99TargetMs, Machine machine, Consumer<Step> onRun) throws InterruptedException {
        run(mesh, phase, Math.min(500, rates[0]), Duration.ofMillis(Math.min(1000, each.toMillis()))); // warm-up, not reported
        List<Level> levels = new ArrayList<>();
        double best = 0;
        for (double rate : rates) {
            double othersBefore = machine.others(), loadBefore = machine.load();
            List<Step> runs = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                Step step = run(mesh, phase, rate, each);
                runs.add(step);
                onRun.accept(step);
            }
            Level level = Level.of(rate, runs, p99TargetMs, othersBefore, machine.others(), loadBefore, machine.load());
            levels.add(level);
            if (!level.sustained()) {
                break;
            }
            best = rate;
        }
        return new Series(phase.name(), List.copyOf(levels), best);
    }

    /** The auction series then the full-task series, each {@link #series}. */
    public static Result sustained(BenchMesh mesh, double[] rates, int repeats, Duration each, double p99TargetMs,
                                   Machine machine, Consumer<Step> onRun) throws InterruptedException {
        Series auctions = series(mesh, BenchMesh.Phase.AUCTION, rates, repeats, each, p99TargetMs, machine, onRun);
        Series tasks = series(mesh, BenchMesh.Phase.TASK, rates, repeats, each, p99TargetMs, machine, onRun);
        List<Step> steps = auctions.levels().stream().flatMap(l -> l.repeats().stream()).toList();
        return new Result(mesh.describe(), p99TargetMs, steps, auctions.sustainedRate(), List.of(auctions, tasks),
                repeats, each.toMillis());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
