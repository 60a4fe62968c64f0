package io.meshbench.bench.suite;

import io.meshbench.plugins.procfs.CpuTimes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How much of the machine other work takes: the CPU cores busy over a short window, from
 * {@code /proc/stat}, less the CPU the suite's own processes used in that window: this JVM and every
 * process it started (a JMH fork, a scale scenario's child JVM, the shell agents' netcat handlers), counted
 * from {@code /proc/PID/stat}, those still running and those that ended and were waited for alike. The
 * suite probes while it is idle (between steps, before and after each scale scenario), so that what it
 * counts is the others' work; leaving its own process tree out keeps a child still ending (or a JVM's own
 * background threads) from reading as other work.
 *
 * <p>The 1-minute load average cannot tell the suite's own load from others': it decays over minutes, so the
 * step just ended (a busy JMH fork, a scale scenario's JVM, a dozen netcat handlers a round trip) still weighs
 * in it at the next step's start. It is recorded beside each number as information only.
 */
public final class OtherWork {

    /** A step counts as run on a busy machine when other work took more than this share of the cores. */
    public static final double BUSY_SHARE = 0.5;

    /** Where a probe reads its counters: {@link #PROC}, or a fake in tests. */
    interface Counters {
        /** {busy, total} jiffies of all CPUs since boot (busy: everything but idle and iowait), or null. */
        long[] machine();

        /**
         * CPU jiffies (user and system) used by this process and its descendants, the children it has waited for
         * included (their time moves into this process's {@code cutime} and {@code cstime} when they end), or -1.
         */
        long ownTree();
    }

    /** The counters of this machine and process, from {@code /proc}. */
    static final Counters PROC = new Counters() {
        @Override
        public long[] machine() {
            return readMachine(Path.of("/proc/stat"));
        }

        @Override
        public long ownTree() {
            // this process first: a child that ends and is waited for between the two reads is then missed in
            // both (its time counts as our own at the next snapshot), never counted twice
            long own = processJiffies(ProcessHandle.current().pid());
            if (own < 0) {
                return -1;
            }
            List<Long> descendants = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
            for (long pid : descendants) {
                own += Math.max(0, processJiffies(pid)); // ended since it was listed: counted in its parent's cutime
            }
            return own;
        }
    };

    /** One reading of the counters. */
    record Snapshot(long busy, long total, long own) {
    }

    private OtherWork() {
    }

    /** Cores busy with other work than the suite's over {@code window}, or NaN where {@code /proc} cannot be read. */
    static double probe(Duration window) {
        return probe(window, PROC, Runtime.getRuntime().availableProcessors());
    }

    static double probe(Duration window, Counters counters, int cores) {
        Snapshot a = snapshot(counters);
        if (a == null) {
            return Double.NaN;
        }
        try {
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        Snapshot b = snapshot(counters);
        return b == null ? Double.NaN : others(a, b, cores);
    }

    /** The counters now, or null where the machine's cannot be read. */
    static Snapshot snapshot(Counters counters) {
        long[] m = counters.machine();
        return m == null ? null : new Snapshot(m[0], m[1], counters.ownTree());
    }

    /**
     * Cores busy with other work between {@code a} and {@code b}: the machine's busy share less the suite's own
     * jiffies, on {@code cores}. NaN when no time passed; the own tree left out where it could not be read.
     */
    static double others(Snapshot a, Snapshot b, int cores) {
        if (b.total() <= a.total()) {
            return Double.NaN;
        }
        long own = a.own() < 0 || b.own() < 0 ? 0 : Math.max(0, b.own() - a.own());
        long othersBusy = Math.max(0, b.busy() - a.busy() - own);
        return cores * (double) othersBusy / (b.total() - a.total());
    }

    /** {busy, total} jiffies of all CPUs from a {@code /proc/stat} (read as the procfs metrics plugin reads it), or null. */
    static long[] readMachine(Path stat) {
        try {
            CpuTimes times = CpuTimes.parse(Files.readString(stat), 0);
            return new long[]{times.busy(), times.total()};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The CPU jiffies of process {@code pid} and of the children it has waited for (utime, stime, cutime and
     * cstime of {@code /proc/PID/stat}), or -1 when it is gone or cannot be read.
     */
    static long processJiffies(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields count from the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state): utime 14, stime 15, cutime 16, cstime 17
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return -1;
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

    /** The larger of the probes before and after a step, the one recorded where only one was. */
    public static double most(double before, double after) {
        return Double.isNaN(before) ? after : Double.isNaN(after) ? before : Math.max(before, after);
    }

    /** Whether a probe was recorded around a step (older summaries have none). */
    public static boolean probed(double before, double after) {
        return !Double.isNaN(before) || !Double.isNaN(after);
    }
}
