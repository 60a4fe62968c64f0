package io.meshbench.app.bench;

import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Locale;

/**
 * A plot with logarithmic axes (JavaFX has none: the points are plotted as log10 and the ticks labelled
 * with the values), either lines or horizontal bars, with a legend of its own that can show a series
 * dashed (an earlier run's) in the same colour as its counterpart.
 */
final class LogChart extends VBox {

    static final String[] COLORS = {"#58a6ff", "#f78166", "#3fb950", "#d29922", "#bc8cff", "#ff7b72", "#79c0ff"};

    /** One series: its name, colour, whether dashed (an earlier run's), and its points {x, y}. */
    record Series(String name, String color, boolean dashed, List<double[]> points) {
    }

    private final Label title = new Label();
    private final FlowPane legend = new FlowPane(12, 2);
    private final boolean bars;
    private XYChart<?, ?> chart;

    LogChart(String title, boolean bars) {
        this.bars = bars;
        this.title.setText(title);
        this.title.getStyleClass().add("bench-chart-title");
        legend.setPadding(new Insets(0, 8, 4, 60));
        setPadding(new Insets(4, 4, 0, 4));
        // At least its title, a plot and its whole legend (which wraps in a narrow pane): squeezed below that,
        // the legend would run into the next plot; the plots' pane scrolls instead.
        setMinHeight(USE_COMPUTED_SIZE);
        Label empty = new Label("  no results yet");
        empty.getStyleClass().add("bench-notes");
        getChildren().addAll(this.title, empty, legend);
        VBox.setVgrow(this, Priority.ALWAYS);
    }

    /** Lines over log x (a count) and log y (a time in µs); an empty list says nothing was measured. */
    void lines(String xLabel, List<Series> series) {
        NumberAxis x = logAxis(series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[0]).toArray(),
                xLabel, LogChart::count);
        NumberAxis y = logAxis(series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).toArray(),
                "time", LogChart::micros);
        LineChart<Number, Number> lines = new LineChart<>(x, y);
        lines.setAnimated(false);
        lines.setLegendVisible(false);
        lines.setHorizontalZeroLineVisible(false); // log10(1) = 0 is no special value
        lines.setVerticalZeroLineVisible(false);
        for (Series s : series) {
            XYChart.Series<Number, Number> xy = new XYChart.Series<>();
            xy.setName(s.name());
            s.points().forEach(p -> xy.getData().add(new XYChart.Data<>(Math.log10(p[0]), Math.log10(p[1]))));
            lines.getData().add(xy);
            xy.getNode().setStyle("-fx-stroke: " + s.color() + "; -fx-stroke-width: 2;"
                    + (s.dashed() ? " -fx-stroke-dash-array: 6 5;" : ""));
            xy.getData().forEach(d -> symbol(d, s));
        }
        show(lines, series);
    }

    /** Horizontal bars on a log time axis (µs): one category per label, a bar per series. */
    void bars(List<Series> series, List<String> categories) {
        CategoryAxis y = new CategoryAxis();
        // A vertical category axis counts from the bottom: reversed, the first label is on top.
        y.getCategories().setAll(categories.reversed());
        NumberAxis x = logAxis(series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).toArray(),
                "3-peer auction round trip, p50", LogChart::micros);
        x.setLowerBound(Math.min(0, x.getLowerBound()));
        BarChart<Number, String> chart = new BarChart<>(x, y);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setVerticalZeroLineVisible(false);
        chart.setCategoryGap(6);
        chart.setBarGap(1);
        for (Series s : series) {
            XYChart.Series<Number, String> xy = new XYChart.Series<>();
            xy.setName(s.name());
            s.points().forEach(p -> xy.getData().add(new XYChart.Data<>(Math.max(0.05, Math.log10(p[1])),
                    categories.get((int) p[0]))));
            chart.getData().add(xy);
            xy.getData().forEach(d -> onNode(d, "-fx-bar-fill: " + s.color() + ";"
                    + (s.dashed() ? " -fx-opacity: 0.55;" : "")));
        }
        show(chart, series);
    }

    private void show(XYChart<?, ?> plot, List<Series> series) {
        plot.setMinHeight(150);
        VBox.setVgrow(plot, Priority.ALWAYS);
        if (series.isEmpty()) {
            getChildren().set(1, new Label("  not measured in this run"));
            legend.getChildren().clear();
            chart = null;
            return;
        }
        chart = plot;
        getChildren().set(1, plot);
        legend.getChildren().clear();
        for (Series s : series) {
            Line swatch = new Line(0, 0, 18, 0);
            swatch.setStyle("-fx-stroke: " + s.color() + "; -fx-stroke-width: " + (bars ? 8 : 2) + ";"
                    + (s.dashed() ? (bars ? " -fx-opacity: 0.55;" : " -fx-stroke-dash-array: 6 5;") : ""));
            Label item = new Label(s.name(), swatch);
            item.getStyleClass().add("bench-legend");
            legend.getChildren().add(item);
        }
    }

    private static void symbol(XYChart.Data<?, ?> d, Series s) {
        onNode(d, s.dashed() ? "-fx-background-color: " + s.color() + ", #0d1117; -fx-background-insets: 0, 2;"
                : "-fx-background-color: " + s.color() + ";");
    }

    private static void onNode(XYChart.Data<?, ?> d, String style) {
        if (d.getNode() != null) {
            d.getNode().setStyle(style);
        } else {
            d.nodeProperty().addListener((o, was, node) -> node.setStyle(style));
        }
    }

    private static NumberAxis logAxis(double[] values, String label, java.util.function.DoubleFunction<String> format) {
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double v : values) {
            if (v > 0) {
                min = Math.min(min, Math.log10(v));
                max = Math.max(max, Math.log10(v));
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        double lower = Math.floor(min), upper = Math.max(Math.ceil(max), lower + 1);
        NumberAxis axis = new NumberAxis(label, lower, upper, 1);
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number v) {
                return format.apply(Math.pow(10, v.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        return axis;
    }

    static String count(double v) {
        return v >= 1000 ? String.format(Locale.ROOT, "%.0fk", v / 1000) : String.format(Locale.ROOT, "%.0f", v);
    }

    static String micros(double us) {
        if (us >= 1e6) {
            return String.format(Locale.ROOT, "%.0f s", us / 1e6);
        }
        if (us >= 1e3) {
            return String.format(Locale.ROOT, "%.0f ms", us / 1e3);
        }
        return us >= 1 ? String.format(Locale.ROOT, "%.0f µs", us) : String.format(Locale.ROOT, "%.0f ns", us * 1e3);
    }

    /** The plot shown, for tests (null when nothing was measured). */
    XYChart<?, ?> chart() {
        return chart;
    }
}
