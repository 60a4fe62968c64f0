package io.meshbench.bench.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A benchmark that fails for real in the middle of a suite: the mesh of a peers file whose orchestrator
 * port another program holds cannot start. The suite names it, with the reason, and keeps and tabulates
 * every result before and after it.
 */
class BenchSuiteFailureTest {

    @Test
    void aStepWhoseMeshCannotStartIsNamedAndTheOthersAreTabulated(@TempDir Path out) throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            Path peers = out.resolve("peers.txt");
            Files.writeString(peers, "Device_A 127.0.0.1 " + held.getLocalPort() + "\nDevice_1 127.0.0.1 9\n");
            BenchSuite.Plan plan = new BenchSuite.Plan(List.of(
                    new Step("codec", "CodecBenchmark", Map.of("type", List.of("TASK")), 0, 50, 1, 50),
                    new Step("roundtrip-peers", "RoundTripBenchmark", Map.of("mesh", List.of("peers"), "peers", List.of("0")),
                            0, 50, 1, 50),
                    new Step("selection", "SelectionBenchmark", Map.of("strategy", List.of("npu-first"), "bids", List.of("3")),
                            0, 50, 1, 50)),
                    new double[]{200}, 1, 300, 20);
            List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Failure> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            BenchResults r = BenchSuite.run(new BenchSuite.Request(BenchSuite.Size.SMOKE, peers, out), plan,
                    new BenchSuite.Listener() {
                        @Override
                        public void progress(double fraction, String what) {
                            heard.add(what);
                        }

                        @Override
                        public void failed(Failure failure) {
                            told.add(failure);
                            heard.add("failed " + failure.step());
                        }
                    });
            assertEquals(r.failures(), told, "each failure is told as it happens, and is in the summary");
            assertTrue(heard.indexOf("failed roundtrip-peers") < heard.indexOf("selection"),
                    "told before the next step starts: " + heard);

            Set<String> measured = r.rows().stream().map(Row::benchmark).collect(Collectors.toSet());
            assertEquals(Set.of("CodecBenchmark.encode", "CodecBenchmark.decode", "SelectionBenchmark.select"), measured,
                    () -> "the steps before and after the failure are kept; failures: " + r.failures());
            assertTrue(r.load() != null && !r.load().steps().isEmpty(), "the open loop ran after the failure");
            assertEquals(2, r.failures().size(), r.failures().toString());
            for (Failure f : r.failures()) {
                assertEquals("roundtrip-peers", f.step());
                assertTrue(f.benchmark().startsWith("RoundTripBenchmark.") && f.benchmark().contains("mesh=peers"), f.toString());
                assertTrue(f.reason().contains("in use") && f.reason().contains("port " + held.getLocalPort())
                        && f.reason().contains("peers.txt"), "the bind's own words, the port and the file: " + f);
                assertTrue(!f.reason().contains("\n"), "one line: " + f.reason());
            }

            String md = Files.readString(out.resolve("summary.md"));
            assertTrue(md.contains("2 benchmarks failed") && md.contains("| roundtrip-peers | RoundTripBenchmark.auction"), md);
            assertTrue(md.contains("| CodecBenchmark.decode |") && md.contains("| SelectionBenchmark.select |"), md);
            assertTrue(Files.readString(out.resolve("report.html")).contains("<h2>Failed</h2>"));
            BenchResults read = SummaryFile.read(out);
            assertEquals(r.failures(), read.failures(), "summary.json keeps the failures");
            assertEquals(r.rows().size(), read.rows().size());
            assertTrue(ComparisonText.markdown(Comparison.of(read, r), "a", "b").contains("Failed:  2 benchmark(s)"));
        }
    }
}
