package io.meshbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code meshbench bench --compare}, headless, in its own JVM, on two real quick runs' folders (no JMH runs). */
class BenchCompareCommandTest {

    @TempDir
    Path dir;

    /** The two bench runs the Benchmarks panel's tests compare too (kept with them, in the app module). */
    private static Path fixture(String name) {
        return Launcher.root().resolve("app/src/test/resources/io/meshbench/app/bench").resolve(name).toAbsolutePath();
    }

    @Test
    void twoFoldersAreComparedSideBySideWithTheChangesHighlighted() throws Exception {
        try (Launcher bench = Launcher.start("bench", "--compare", fixture("before").toString(), fixture("after").toString())) {
            String out = bench.finish(Duration.ofSeconds(60));
            assertEquals(0, bench.exitCode(), out);
            assertTrue(out.contains("Earlier: " + fixture("before") + " (quick suite, 2 cores"), out);
            assertTrue(out.matches("(?s).*\\d+ better \\(faster, higher or less memory\\), \\d+ worse, \\d+ the same.*"), out);
            assertTrue(out.matches("(?s).*\\| SelectionBenchmark\\.select \\| bids=10000, strategy=npu-first \\| mean \\| us/op "
                    + "\\| 6\\.48k \\| 213 \\| \\*\\*30\\.\\d\\d× faster\\*\\* \\|.*"), out);
            assertTrue(out.contains("| selection over 10,000 bids, npu-first | < 20 µs | 6478.9 µs | **no (upper bound 6478.9 µs)** "
                    + "| 212.5 µs | **no (upper bound 212.5 µs)** |"), out);
        }
    }

    @Test
    void aFolderWithoutResultsIsRefusedBeforeAnythingRuns() throws Exception {
        try (Launcher bench = Launcher.start("bench", "--compare", dir.toString(), "--out", dir.resolve("new").toString())) {
            String out = bench.finish(Duration.ofSeconds(60));
            assertEquals(2, bench.exitCode(), out);
            assertTrue(out.contains("meshbench: " + dir + " holds no summary.json: give the folder a bench run wrote"), out);
            assertFalse(out.contains("running the"), "no suite started: " + out);
            assertFalse(out.contains("\tat "), out);
        }
    }

    @Test
    void theScaleSuiteIsASuiteAndTakesNoPeersFile() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("peers.txt"), "Device_A 127.0.0.1 9999\n");
        try (Launcher bench = Launcher.start("bench", "--suite", "scale", "--peers", dir.resolve("peers.txt").toString(),
                "--out", dir.resolve("new").toString())) {
            String out = bench.finish(Duration.ofSeconds(60));
            assertEquals(2, bench.exitCode(), out);
            assertTrue(out.contains("the scale suite runs virtual-time scenarios only"), out);
            assertFalse(out.contains("running the"), "no suite started: " + out);
        }
        try (Launcher bench = Launcher.start("bench", "--suite", "huge")) {
            String out = bench.finish(Duration.ofSeconds(60));
            assertEquals(2, bench.exitCode(), out);
            assertTrue(out.contains("--suite huge is not a suite: give quick, full or scale"), out);
        }
    }
}
