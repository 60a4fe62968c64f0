package io.meshbench.cli;

import io.meshbench.bench.scale.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real {@code ./meshbench} gives the JVM its default heap and collector, the same the scale
 * suite's child JVMs get ({@link ChildJvm}), and a user's own -Xmx or collector replaces them. The
 * JVM itself says what it runs with ({@code -XX:+PrintCommandLineFlags}).
 */
class LauncherHeapTest {

    private static String flags(Map<String, String> env) throws Exception {
        try (Launcher launcher = Launcher.start(env, "--version")) {
            String out = launcher.finish(Duration.ofMinutes(1));
            assertEquals(0, launcher.exitCode(), out);
            return out;
        }
    }

    private static long maxHeap(String flags) {
        Matcher m = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(flags);
        assertTrue(m.find(), flags);
        return Long.parseLong(m.group(1));
    }

    /** The bytes of an -Xmx option: -Xmx768m is 768 MiB. */
    static long bytes(String xmx) {
        String v = xmx.substring("-Xmx".length()).toLowerCase(Locale.ROOT);
        long unit = switch (v.charAt(v.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
    }

    @Test
    void theDefaultHeapAndCollectorAreTheScaleSuitesOwn() throws Exception {
        String flags = flags(Map.of("MESHBENCH_JAVA_OPTS", "-XX:+PrintCommandLineFlags"));
        assertEquals(bytes(ChildJvm.DEFAULT_HEAP), maxHeap(flags), flags);
        assertTrue(flags.contains(ChildJvm.DEFAULT_GC), flags);
    }

    @Test
    void aUsersHeapOrCollectorReplacesTheDefault() throws Exception {
        String own = flags(Map.of("MESHBENCH_JAVA_OPTS", "-Xmx300m -XX:+PrintCommandLineFlags"));
        assertEquals(300L << 20, maxHeap(own), own);
        assertTrue(own.contains(ChildJvm.DEFAULT_GC), "the collector stays the default: " + own);

        String javaOpts = flags(Map.of("JAVA_OPTS", "-Xmx200m -XX:+UseParallelGC",
                "MESHBENCH_JAVA_OPTS", "-XX:+PrintCommandLineFlags"));
        assertEquals(200L << 20, maxHeap(javaOpts), javaOpts);
        assertTrue(javaOpts.contains("-XX:+UseParallelGC"), javaOpts);
        assertFalse(javaOpts.contains(ChildJvm.DEFAULT_GC), "one collector, the user's: " + javaOpts);

        // the JVM's own variable comes before the command line: the launcher must not override it
        String jdk = flags(Map.of("JDK_JAVA_OPTIONS", "-Xmx150m", "MESHBENCH_JAVA_OPTS", "-XX:+PrintCommandLineFlags"));
        assertEquals(150L << 20, maxHeap(jdk), jdk);
    }

    @Test
    void aRunOutOfMemorySaysHowToGiveItMore(@TempDir Path dir) throws Exception {
        Path heavy = dir.resolve("heavy.yaml");
        Files.writeString(heavy, """
                name: heavy
                seed: 9
                mode: virtual
                duration: 2s
                mesh_size: 10
                orchestrator: {bid_timeout: 2s, result_timeout: 60s, failover: false}
                devices:
                  - {id: Cpu, count: 50000, npu: false, cpu_load: 0.20, sample_interval: 30s}
                workload: {arrival: fixed, rate: 1/s, tasks: 1}
                """);
        try (Launcher launcher = Launcher.start(Map.of("MESHBENCH_JAVA_OPTS", "-Xmx16m"), "scenario", "run",
                heavy.toString())) {
            String out = launcher.finish(Duration.ofMinutes(2));
            assertEquals(2, launcher.exitCode(), out);
            assertTrue(out.contains("meshbench: out of memory") && out.contains("MESHBENCH_JAVA_OPTS=-Xmx"), out);
            assertFalse(out.contains("\tat "), "no stack trace: " + out);
        }
    }
}
