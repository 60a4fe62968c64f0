package io.meshbench.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.meshbench.bench.load.OpenLoop;
import io.meshbench.report.Plots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a suite's files: jmh.json (every step's JMH JSON in one list), summary.json, summary.md and report.html. */
public final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    static void write(BenchResults results, List<Path> stepJsons, Path out) throws IOException {
        ArrayNode all = JSON.createArrayNode();
        for (Path step : stepJsons) {
            if (Files.exists(step)) {
                JsonNode node = JSON.readTree(step.toFile());
                if (node != null && node.isArray()) {
                    all.addAll((ArrayNode) node);
                }
                Files.delete(step);
            }
        }
        JSON.writeValue(out.resolve("jmh.json").toFile(), all);
        JSON.writeValue(out.resolve("summary.json").toFile(), Map.of("results", results, "checks", Checks.of(results)));
        Files.writeString(out.resolve("summary.md"), markdown(results));
        Files.writeString(out.resolve("report.html"), html(results));
    }

    /** The targets table and every row, as Markdown (also what {@code meshbench bench} prints). */
    public static String markdown(BenchResults r) {
        StringBuilder s = new StringBuilder();
        Machine m = r.machine();
        s.append(String.format(Locale.ROOT, "Suite %s on %d cores, %s, %s (%s)%n%n", r.size().name().toLowerCase(Locale.ROOT),
                m.cores(), m.os(), m.jdk(), m.vm()));
        s.append("| target | goal | ours | met | the seed's way (same run) | ours faster by |\n|---|---|---|---|---|---|\n");
        for (Checks.Check c : Checks.of(r)) {
            s.append("| ").append(c.what()).append(" | ").append(c.target()).append(" | ").append(c.measured()).append(" | ")
                    .append(c.met() == null ? "" : c.met() ? "yes" : "**no**").append(" | ").append(c.seed()).append(" | ")
                    .append(Double.isNaN(c.ratio()) ? "n/a" : String.format(Locale.ROOT, "%,.0f×", c.ratio())).append(" |\n");
        }
        if (!r.failures().isEmpty()) {
            s.append("\nFailed (the other results are kept):\n\n");
            r.failures().forEach(f -> s.append("- ").append(f.benchmark()).append(": ").append(f.reason()).append('\n'));
        }
        s.append("\n| benchmark | params | mode | score ± error | unit | p50 | p99 | n | load avg |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : r.rows()) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s ± %s | %s | %s | %s | %d | %.2f→%.2f |%n",
                    row.benchmark(), row.params().toString().replaceAll("[{}]", ""), row.mode(), Plots.si(row.score()),
                    Double.isNaN(row.error()) ? "n/a" : Plots.si(row.error()), row.unit(), Plots.si(row.p50()),
                    Plots.si(row.p99()), row.samples(), row.loadBefore(), row.loadAfter()));
        }
        OpenLoop.Result load = r.load();
        if (load != null) {
            s.append(String.format(Locale.ROOT, "%nOpen-loop load, %s (load avg %.2f→%.2f): sustained %,.0f auctions/s at p99 ≤ %.0f ms%n%n",
                    load.mesh(), r.loadBefore(), r.loadAfter(), load.sustainedRate(), load.p99TargetMs()));
            s.append("| rate /s | started | completed | failed | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|\n");
            for (OpenLoop.Step st : load.steps()) {
                s.append(String.format(Locale.ROOT, "| %,.0f | %d | %d | %d | %.2f | %.2f | %.2f |%n", st.rate(), st.started(),
                        st.completed(), st.failed(), st.p50Ms(), st.p99Ms(), st.maxMs()));
            }
        }
        return s.toString();
    }

    static String html(BenchResults r) {
        Map<String, List<double[]>> latency = new LinkedHashMap<>();
        for (String mesh : List.of("virtual", "loopback", "process", "shell", "shell-per-bid", "peers")) {
            for (String stat : List.of("p50", "p99")) {
                List<double[]> points = new ArrayList<>();
                r.rows().stream().filter(x -> x.benchmark().equals("RoundTripBenchmark.auction") && x.param("mesh").equals(mesh))
                        .forEach(x -> points.add(new double[]{Double.parseDouble(x.param("peers")) > 0
                                ? Double.parseDouble(x.param("peers")) : 1,
                                x.micros(stat.equals("p50") ? x.p50() : x.p99()) / 1000}));
                if (!points.isEmpty()) {
                    points.sort((a, b) -> Double.compare(a[0], b[0]));
                    latency.put(mesh + " " + stat, points);
                }
            }
        }
        Map<String, List<double[]>> selection = new LinkedHashMap<>();
        for (String strategy : Suites.STRATEGIES) {
            List<double[]> points = new ArrayList<>();
            r.rows().stream().filter(x -> x.benchmark().equals("SelectionBenchmark.select") && x.param("strategy").equals(strategy))
                    .forEach(x -> points.add(new double[]{Double.parseDouble(x.param("bids")), x.micros(x.score())}));
            points.sort((a, b) -> Double.compare(a[0], b[0]));
            if (!points.isEmpty()) {
                selection.put(strategy, points);
            }
        }
        List<Map.Entry<String, Double>> versus = new ArrayList<>();
        r.roundTrip("auction", "virtual", 3).ifPresent(x -> versus.add(bar("ours: state machines, virtual time", x)));
        r.roundTrip("auction", "loopback", 3).ifPresent(x -> versus.add(bar("ours: loopback, one JVM", x)));
        r.roundTrip("auction", "process", 3).ifPresent(x -> versus.add(bar("ours: node processes", x)));
        r.roundTrip("auction", "shell", 3).ifPresent(x -> versus.add(bar("seed: shell agents, netcat", x)));
        r.roundTrip("auction", "shell-per-bid", 3).ifPresent(x -> versus.add(bar("seed: + 500 ms CPU window", x)));
        versus.add(new AbstractMap.SimpleEntry<>("seed: orchestrator's fixed bid wait", BenchResults.SEED_BID_WAIT_US / 1000));
        return "<!doctype html><html><head><meta charset='utf-8'><title>MeshBench benchmarks</title><style>"
                + Plots.STYLE + "</style></head><body><h1>MeshBench benchmarks</h1>"
                + Plots.logBars("3-peer auction round trip (p50): ours against the seed's way", "ms", versus)
                + Plots.logLines("Auction round trip by peer count", "peers", "ms", latency)
                + Plots.logLines("Selection time by bid count", "bids", "µs", selection)
                + "<pre>" + escape(markdown(r)) + "</pre></body></html>";
    }

    private static Map.Entry<String, Double> bar(String label, Row row) {
        return new AbstractMap.SimpleEntry<>(label, row.micros(row.p50()) / 1000);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
