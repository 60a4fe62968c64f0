package io.meshbench.bench;

import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.BenchSuite;
import io.meshbench.bench.suite.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark once, with the tiniest iterations, through the same suite {@code meshbench bench}
 * runs: JMH forks one JVM per benchmark and fails on any error, every kind of mesh starts (node
 * processes, shell agents under mksh + toybox), and the files and plots are written. No timing is
 * asserted.
 */
class BenchSuiteSmokeTest {

    @Test
    void everyBenchmarkRunsOnceAndTheReportIsWritten(@TempDir Path out) throws Exception {
        List<Double> progress = new CopyOnWriteArrayList<>();
        BenchResults results = BenchSuite.run(new BenchSuite.Request(BenchSuite.Size.SMOKE, null, out),
                (fraction, what) -> progress.add(fraction));

        Set<String> measured = results.rows().stream()
                .map(r -> r.benchmark() + (r.params().containsKey("mesh") ? " " + r.param("mesh") : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("CodecBenchmark.encode", "CodecBenchmark.decode", "SelectionBenchmark.select",
                "RoundTripBenchmark.auction virtual", "RoundTripBenchmark.task virtual",
                "RoundTripBenchmark.auction loopback", "RoundTripBenchmark.task loopback",
                "RoundTripBenchmark.auction loopback-tls", "RoundTripBenchmark.task loopback-tls",
                "SecurityBenchmark.tlsHandshake", "SecurityBenchmark.hmacSealJava", "SecurityBenchmark.hmacOpenJava",
                "SecurityBenchmark.hmacSealShell", "SecurityBenchmark.hmacOpenShell",
                "RoundTripBenchmark.auction process", "RoundTripBenchmark.task process",
                "RoundTripBenchmark.auction shell", "RoundTripBenchmark.task shell",
                "RoundTripBenchmark.auction shell-per-bid", "RoundTripBenchmark.task shell-per-bid"), measured);
        assertTrue(results.failures().isEmpty(), () -> "benchmarks failed: " + results.failures());
        for (Row row : results.rows()) {
            assertTrue(row.score() > 0 && row.samples() > 0, () -> "no measurement in " + row);
        }
        assertFalse(results.load().steps().isEmpty(), "the load generator ran no step");
        assertTrue(results.load().steps().get(0).completed() > 0, "the open loop completed no auction");
        assertEquals(List.of("AUCTION", "TASK"), results.load().series().stream().map(s -> s.phase()).toList(),
                "the open loop times auctions and full tasks");
        assertTrue(results.load().series().get(1).levels().get(0).repeats().get(0).completed() > 0,
                "the open loop completed no full task");

        for (String file : List.of("jmh.json", "summary.json", "summary.md", "report.html", "jmh.log")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file + " is empty");
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("seed: shell agents, netcat"), "plots missing from report.html");
        assertTrue(Files.readString(out.resolve("jmh.json")).contains("RoundTripBenchmark.task"));
        assertEquals(1.0, progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress went backwards: " + progress);
        }
    }
}
