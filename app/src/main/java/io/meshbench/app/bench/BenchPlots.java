package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchResults;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The panel's three plots, this run in full colour and the earlier run (when there is one) dashed beside it. */
final class BenchPlots extends VBox {

    final LogChart versus = new LogChart("3-peer auction round trip (p50): MeshBench against the original scripts' way", true);
    final LogChart latency = new LogChart("Auction round trip (p50) by peer count", false);
    final LogChart selection = new LogChart("Selection time by bid count", false);

    BenchPlots() {
        super(4);
        versus.setId("bench-plot-versus");
        latency.setId("bench-plot-latency");
        selection.setId("bench-plot-selection");
        getChildren().addAll(versus, latency, selection);
    }

    void show(BenchResults now, BenchResults earlier) {
        List<String> categories = new ArrayList<>();
        List<LogChart.Series> bars = new ArrayList<>();
        bars.add(bars("this run", LogChart.COLORS[0], false, PlotData.versusSeed(now), categories));
        if (earlier != null) {
            bars.add(bars("earlier run", LogChart.COLORS[0], true, PlotData.versusSeed(earlier), categories));
        }
        versus.bars(bars, categories);
        latency.lines("peers", lines(PlotData.latencyByPeers(now), earlier == null ? null : PlotData.latencyByPeers(earlier)));
        selection.lines("bids", lines(PlotData.selectionByBids(now),
                earlier == null ? null : PlotData.selectionByBids(earlier)));
    }

    /** Bars in a fixed order of labels, so that both runs' bars share their categories. */
    private static LogChart.Series bars(String name, String color, boolean dashed, List<PlotData.Bar> data,
                                        List<String> categories) {
        List<double[]> points = new ArrayList<>();
        for (PlotData.Bar bar : data) {
            int index = categories.indexOf(bar.label());
            if (index < 0) {
                categories.add(bar.label());
                index = categories.size() - 1;
            }
            points.add(new double[]{index, bar.micros()});
        }
        return new LogChart.Series(name, color, dashed, points);
    }

    private static List<LogChart.Series> lines(Map<String, List<double[]>> now, Map<String, List<double[]>> earlier) {
        List<String> names = new ArrayList<>(now.keySet());
        if (earlier != null) {
            earlier.keySet().stream().filter(k -> !names.contains(k)).forEach(names::add);
        }
        List<LogChart.Series> series = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i), color = LogChart.COLORS[i % LogChart.COLORS.length];
            if (now.containsKey(name)) {
                series.add(new LogChart.Series(name, color, false, now.get(name)));
            }
            if (earlier != null && earlier.containsKey(name)) {
                series.add(new LogChart.Series(name + " (earlier)", color, true, earlier.get(name)));
            }
        }
        return series;
    }
}
