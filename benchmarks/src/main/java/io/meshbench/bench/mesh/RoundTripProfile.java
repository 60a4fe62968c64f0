package io.meshbench.bench.mesh;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Counts what one round trip costs on a benchmark mesh, the load-independent side of the JMH numbers:
 * latency percentiles of closed-loop round trips, and per round trip the context switches of this
 * process's threads, its user and system CPU time, the bytes allocated, and (when {@code perf} is on the PATH and may count this
 * process) the system calls by kind. For profiling the live runtime, not part of any suite.
 *
 * <pre>java -cp ... io.meshbench.bench.mesh.RoundTripProfile loopback auction 3 20000 20000</pre>
 * arguments: mesh kind, phase (auction or task), peers, warm-up round trips, measured round trips.
 */
public final class RoundTripProfile {

    private static final String[] SYSCALLS = {"raw_syscalls:sys_enter", "syscalls:sys_enter_write",
            "syscalls:sys_enter_read", "syscalls:sys_enter_futex", "syscalls:sys_enter_epoll_wait",
            "syscalls:sys_enter_epoll_ctl", "syscalls:sys_enter_sendto", "syscalls:sys_enter_recvfrom",
            "context-switches"};

    private RoundTripProfile() {
    }

    public static void main(String[] args) throws Exception {
        MeshKind kind = MeshKind.parse(args.length > 0 ? args[0] : "loopback");
        BenchMesh.Phase phase = BenchMesh.Phase.valueOf((args.length > 1 ? args[1] : "auction").toUpperCase(Locale.ROOT));
        int peers = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        int measured = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
        try (BenchMesh mesh = kind.open(peers)) {
            for (int i = 0; i < warmUp; i++) {
                mesh.roundTrip(phase);
            }
            Process perf = startPerf();
            long[] cpu = cpuTicks();
            long switches = contextSwitches();
            long allocated = allocatedBytes();
            Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            long start = System.nanoTime();
            for (int i = 0; i < measured; i++) {
                long t = System.nanoTime();
                mesh.roundTrip(phase);
                latencies.recordValue(System.nanoTime() - t);
            }
            long wall = System.nanoTime() - start;
            long allocatedAfter = allocatedBytes();
            long switchesAfter = contextSwitches();
            long[] cpuAfter = cpuTicks();
            Map<String, Long> counts = stopPerf(perf);
            System.out.printf(Locale.ROOT, "%s, %s, %d round trips in %.2f s; load average %s%n", mesh.describe(),
                    phase.name().toLowerCase(Locale.ROOT), measured, wall / 1e9, loadAverage());
            System.out.printf(Locale.ROOT, "latency us: p50 %.1f  p90 %.1f  p99 %.1f  mean %.1f%n",
                    latencies.getValueAtPercentile(50) / 1e3, latencies.getValueAtPercentile(90) / 1e3,
                    latencies.getValueAtPercentile(99) / 1e3, latencies.getMean() / 1e3);
            System.out.printf(Locale.ROOT, "per round trip: %.1f context switches (threads of this JVM), %.0f bytes allocated%n",
                    (switchesAfter - switches) / (double) measured, (allocatedAfter - allocated) / (double) measured);
            double tick = 1e6 / 100; // microseconds per clock tick (USER_HZ is 100 on Linux)
            System.out.printf(Locale.ROOT, "cpu per round trip (whole process): user %.1f us, system %.1f us%n",
                    (cpuAfter[0] - cpu[0]) * tick / measured, (cpuAfter[1] - cpu[1]) * tick / measured);
            if (!counts.isEmpty()) {
                StringBuilder line = new StringBuilder("per round trip (perf, whole process):");
                counts.forEach((event, n) -> line.append(String.format(Locale.ROOT, "  %s %.1f",
                        event.replace("syscalls:sys_enter_", "").replace("raw_syscalls:sys_enter", "syscalls"),
                        n / (double) measured)));
                System.out.println(line);
            }
            System.out.println("threads: " + Thread.getAllStackTraces().size() + " platform");
        }
    }

    private static Process startPerf() {
        try {
            long pid = ProcessHandle.current().pid();
            Process p = new ProcessBuilder("perf", "stat", "-x", ",", "-e", String.join(",", SYSCALLS), "-p",
                    Long.toString(pid)).redirectErrorStream(true).start();
            Thread.sleep(300); // perf attaches
            return p;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private static Map<String, Long> stopPerf(Process perf) throws InterruptedException, IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (perf == null) {
            return counts;
        }
        new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor();
        perf.waitFor(5, TimeUnit.SECONDS);
        for (String line : new String(perf.getInputStream().readAllBytes()).split("\n")) {
            String[] f = line.split(",");
            if (f.length > 2 && f[0].matches("\\d+")) {
                counts.put(f[2], Long.parseLong(f[0]));
            }
        }
        return counts;
    }

    private static long contextSwitches() throws IOException {
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            List<Path> list = new ArrayList<>(tasks.toList());
            for (Path task : list) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException gone) {
                    // a thread that ended meanwhile
                }
            }
        }
        return total;
    }

    /** User and system time of this process, in clock ticks, from {@code /proc/self/stat}. */
    private static long[] cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[]{Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
