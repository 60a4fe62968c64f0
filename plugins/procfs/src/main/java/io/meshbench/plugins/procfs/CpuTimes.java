package io.meshbench.plugins.procfs;

/**
 * The first line of {@code /proc/stat} ({@code cpu  user nice system idle iowait irq softirq steal ...}),
 * in clock ticks since boot, with the time it was read.
 *
 * @param busy  ticks spent working: user, nice, system, irq, softirq, steal
 * @param total busy plus idle and iowait
 * @param nanos when it was read, on the plugin context's clock
 */
public record CpuTimes(long busy, long total, long nanos) {

    /** Parses the aggregate {@code cpu} line of {@code /proc/stat}; the bench suite's probe of other work reads it too. */
    public static CpuTimes parse(String stat, long nanos) {
        for (String line : stat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 5) {
                    break;
                }
                long[] v = new long[Math.min(f.length - 1, 8)]; // guest times are already in user and nice
                for (int i = 0; i < v.length; i++) {
                    v[i] = Long.parseLong(f[i + 1]);
                }
                long idle = v[3] + (v.length > 4 ? v[4] : 0);
                long total = 0;
                for (long x : v) {
                    total += x;
                }
                return new CpuTimes(total - idle, total, nanos);
            }
        }
        throw new IllegalArgumentException("no aggregate \"cpu \" line in /proc/stat");
    }

    /** The share of time busy from {@code earlier} to this reading, or -1 when no tick passed. */
    double loadSince(CpuTimes earlier) {
        long total = this.total - earlier.total;
        if (total <= 0) {
            return -1;
        }
        return Math.clamp((double) (busy - earlier.busy) / total, 0.0, 1.0);
    }
}
