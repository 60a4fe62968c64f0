package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of the panel's three plots, taken from a suite's results (the same as report.html's):
 * auction round trip by peer count per mesh, selection time by bid count per strategy, and the
 * 3-peer auction on each mesh against the seed's way, all measured in the run. Times in microseconds.
 */
final class PlotData {

    /** A bar: what was measured and its time in µs. */
    record Bar(String label, double micros) {
    }

    static final List<String> MESHES = List.of("virtual", "loopback", "process", "shell", "shell-per-bid", "peers");
    static final List<String> STRATEGIES = List.of("npu-first", "lowest-cpu", "weighted", "battery-aware");

    private PlotData() {
    }

    /** Mesh to points {peers, p50 µs}, sorted by peers; a peers file's mesh (peers 0) plots at 1. */
    static Map<String, List<double[]>> latencyByPeers(BenchResults r) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (String mesh : MESHES) {
            List<double[]> points = new ArrayList<>();
            for (Row x : r.rows()) {
                if (x.benchmark().equals("RoundTripBenchmark.auction") && x.param("mesh").equals(mesh)) {
                    double peers = parse(x.param("peers"));
                    points.add(new double[]{peers > 0 ? peers : 1, x.micros(x.p50())});
                }
            }
            put(series, mesh, points);
        }
        return series;
    }

    /** Strategy to points {bids, mean µs}, sorted by bids. */
    static Map<String, List<double[]>> selectionByBids(BenchResults r) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (String strategy : STRATEGIES) {
            List<double[]> points = new ArrayList<>();
            for (Row x : r.rows()) {
                if (x.benchmark().equals("SelectionBenchmark.select") && x.param("strategy").equals(strategy)) {
                    points.add(new double[]{parse(x.param("bids")), x.micros(x.score())});
                }
            }
            put(series, strategy, points);
        }
        return series;
    }

    /** The 3-peer auction round trip (p50) on each kind of mesh, ours first, then the seed's ways. */
    static List<Bar> versusSeed(BenchResults r) {
        List<Bar> bars = new ArrayList<>();
        add(bars, r, "virtual", "ours: state machines, virtual time");
        add(bars, r, "loopback", "ours: loopback, one JVM");
        add(bars, r, "process", "ours: node processes");
        add(bars, r, "shell", "seed: shell agents, netcat");
        add(bars, r, "shell-per-bid", "seed: + its 500 ms CPU window");
        // no bar for the seed orchestrator's fixed 10 s bid wait: a property of its design, not a measurement
        return bars;
    }

    private static void add(List<Bar> bars, BenchResults r, String mesh, String label) {
        r.roundTrip("auction", mesh, 3).ifPresent(x -> bars.add(new Bar(label, x.micros(x.p50()))));
    }

    private static void put(Map<String, List<double[]>> series, String name, List<double[]> points) {
        points.removeIf(p -> !(p[0] > 0) || !(p[1] > 0)); // a log axis has no place for zero or NaN
        if (!points.isEmpty()) {
            points.sort((a, b) -> Double.compare(a[0], b[0]));
            series.put(name, points);
        }
    }

    private static double parse(String number) {
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
