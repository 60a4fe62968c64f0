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

    /** The targets table, the failures, every row and the open loop, as Markdown (also what {@code meshbench bench} prints). */
    public static String markdown(BenchResults r) {
        StringBuilder s = new StringBuilder();
        Machine m = r.machine();
        s.append(String.format(Locale.ROOT, "Suite %s on %d cores, %s, %s (%s)%s%n%n", r.size().name().toLowerCase(Locale.ROOT),
                m.cores(), m.os(), m.jdk(), m.vm(), Double.isNaN(r.seconds()) ? ""
                        : String.format(Locale.ROOT, ", took %.0f s", r.seconds())));
        if (!r.failures().isEmpty()) {
            s.append("**").append(r.failures().size()).append(r.failures().size() == 1 ? " benchmark" : " benchmarks")
                    .append(" failed** (the other results below are complete):\n\n| step | benchmark | why |\n|---|---|---|\n");
            for (Failure f : r.failures()) {
                s.append("| ").append(f.step()).append(" | ").append(f.benchmark()).append(" | ")
                        .append(f.reason().replace("|", "\\|")).append(" |\n");
            }
            s.append('\n');
        }
        s.append("| target | goal | ours | met | the seed's way (same run) | ours faster by |\n|---|---|---|---|---|---|\n");
        for (Checks.Check c : Checks.of(r)) {
            s.append("| ").append(c.what()).append(" | ").append(c.target()).append(" | ").append(c.measured()).append(" | ")
                    .append(c.verdict() == Checks.Verdict.MISSED ? "**" + c.verdictText() + "**" : c.verdictText())
                    .append(" | ").append(c.seed()).append(" | ")
                    .append(Double.isNaN(c.ratio()) ? "" : String.format(Locale.ROOT, "%,.0f×", c.ratio())).append(" |\n");
        }
        s.append('\n').append(Checks.SEED_DESIGN).append('\n');
        s.append(String.format(Locale.ROOT, "Met: decided on 99.9%% confidence bounds (latency: the upper bound, "
                + "throughput: the lower); \"not sure\" when they straddle the goal; \"not judged\" when other work "
                + "took more than %.0f%% of the cores around a step (docs/benchmarks.md).%n", OtherWork.BUSY_SHARE * 100));
        s.append("\n| benchmark | params | mode | score ± error | unit | p50 | p99 | p99 bounds | n | load avg | other work (cores) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : r.rows()) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s ± %s | %s | %s | %s | %s | %d | %.2f→%.2f | %s |%n",
                    row.benchmark(), row.params().toString().replaceAll("[{}]", ""), row.mode(), Plots.si(row.score()),
                    Double.isNaN(row.error()) ? "n/a" : Plots.si(row.error()), row.unit(), Plots.si(row.p50()),
                    Plots.si(row.p99()), Double.isNaN(row.p99High()) ? "" : Plots.si(row.p99Low()) + "–" + Plots.si(row.p99High()),
                    row.samples(), row.loadBefore(), row.loadAfter(), others(row.othersBefore(), row.othersAfter())));
        }
        OpenLoop.Result load = r.load();
        if (load != null) {
            s.append(String.format(Locale.ROOT, "%nOpen-loop load, %s (load avg %.2f→%.2f; other work %s cores): "
                            + "sustained %,.0f auctions/s at p99 ≤ %.0f ms%s%n%n",
                    load.mesh(), r.loadBefore(), r.loadAfter(), others(r.othersBefore(), r.othersAfter()),
                    load.sustainedRate(), load.p99TargetMs(), load.series(io.meshbench.bench.mesh.BenchMesh.Phase.TASK)
                            .map(t -> String.format(Locale.ROOT, ", %,.0f full tasks/s", t.sustainedRate())).orElse("")));
            if (load.series().isEmpty()) {
                s.append("| rate /s | started | completed | failed | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|\n");
                for (OpenLoop.Step st : load.steps()) {
                    s.append(String.format(Locale.ROOT, "| %,.0f | %d | %d | %d | %.2f | %.2f | %.2f |%n", st.rate(), st.started(),
                            st.completed(), st.failed(), st.p50Ms(), st.p99Ms(), st.maxMs()));
                }
            } else {
                s.append(String.format(Locale.ROOT, "Each rate ran %d × %s s; median and spread (min–max) across the runs; "
                        + "a rate is sustained when no round trip failed and the median p99 met the target.%n%n",
                        load.repeats(), Plots.si(load.stepMs() / 1000.0)));
                s.append("| round trip | rate /s | runs | started | failed | p50 ms median (min–max) | p99 ms median (min–max) "
                        + "| sustained | load avg | other work (cores) |\n|---|---|---|---|---|---|---|---|---|---|\n");
                for (OpenLoop.Series series : load.series()) {
                    for (OpenLoop.Level l : series.levels()) {
                        s.append(String.format(Locale.ROOT, "| %s | %,.0f | %d | %d | %d | %.2f (%.2f–%.2f) | %.2f (%.2f–%.2f) | %s "
                                        + "| %.2f→%.2f | %s |%n",
                                series.phase().equals("TASK") ? "full task" : "auction", l.rate(), l.repeats().size(),
                                l.repeats().stream().mapToLong(OpenLoop.Step::started).sum(),
                                l.repeats().stream().mapToLong(OpenLoop.Step::failed).sum(), l.p50Median(), l.p50Min(),
                                l.p50Max(), l.p99Median(), l.p99Min(), l.p99Max(), l.sustained() ? "yes" : "no",
                                l.loadBefore(), l.loadAfter(), others(l.othersBefore(), l.othersAfter())));
                    }
                }
            }
        }
        return s.toString();
    }

    private static String others(double before, double after) {
        if (Double.isNaN(before) && Double.isNaN(after)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f→%.1f", before, after);
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
        return "<!doctype html><html><head><meta charset='utf-8'><title>MeshBench benchmarks</title><style>"
                + Plots.STYLE + "</style></head><body><h1>MeshBench benchmarks</h1>"
                + Plots.logBars("3-peer auction round trip (p50): ours against the seed's way", "ms", versus)
                + Plots.logLines("Auction round trip by peer count", "peers", "ms", latency)
                + Plots.logLines("Selection time by bid count", "bids", "µs", selection)
                + "<p>" + escape(Checks.SEED_DESIGN) + "</p>"
                + (r.failures().isEmpty() ? "" : "<h2>Failed</h2><ul>" + r.failures().stream().map(f -> "<li><b>"
                + escape(f.step()) + "</b>: " + escape(f.benchmark()) + ": " + escape(f.reason()) + "</li>")
                .reduce("", String::concat) + "</ul>")
                + "<pre>" + escape(markdown(r)) + "</pre></body></html>";
    }

    private static Map.Entry<String, Double> bar(String label, Row row) {
        return new AbstractMap.SimpleEntry<>(label, row.micros(row.p50()) / 1000);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
