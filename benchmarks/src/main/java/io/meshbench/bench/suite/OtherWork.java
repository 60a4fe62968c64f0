package io.meshbench.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How much of the machine other work takes: the CPU cores busy over a short window, from
 * {@code /proc/stat}, probed while the suite itself is idle (between steps: the JMH fork has exited and
 * its meshes, shell agents included, have stopped). The 1-minute load average cannot tell the suite's
 * own load from others': it decays over minutes, so the step just ended (a busy JMH fork, a dozen netcat
 * handlers a round trip) still weighs in it at the next step's start. A probe of an idle suite counts
 * only the others.
 */
public final class OtherWork {

    /** A step counts as run on a busy machine when other work took more than this share of the cores. */
    public static final double BUSY_SHARE = 0.5;

    private static final Path STAT = Path.of("/proc/stat");

    private OtherWork() {
    }

    /** Cores busy with other work over {@code window}, or NaN where {@code /proc/stat} cannot be read. */
    static double probe(Duration window) {
        long[] a = read();
        if (a == null) {
            return Double.NaN;
        }
        try {
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        long[] b = read();
        if (b == null || b[1] <= a[1]) {
            return Double.NaN;
        }
        return Runtime.getRuntime().availableProcessors() * (double) (b[0] - a[0]) / (b[1] - a[1]);
    }

    /** {busy, total} jiffies of all CPUs: busy is everything but idle and iowait. */
    private static long[] read() {
        try {
            String cpu = Files.readAllLines(STAT).getFirst();
            String[] f = cpu.trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 5) {
                return null;
            }
            long total = 0, idle = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v;
                }
            }
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether a step ran on a busy machine: other work above {@link #BUSY_SHARE} of {@code cores} just before
     * or just after it. NaN probes (not recorded) say nothing.
     */
    public static boolean busy(double before, double after, int cores) {
        double limit = BUSY_SHARE * cores;
        return before > limit || after > limit;
    }
}
