package io.meshbench.app.charts;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Map;

/**
 * Three stacked plots (CPU, RAM, battery) drawn on a canvas, redrawn at most twice a second. One
 * line per device while there are few; past {@link #LINES_LIMIT} devices, the spread of all of
 * them (lowest to highest, a band) and their mean, which stay readable and cost a few hundred
 * strokes however many devices there are.
 */
final class ChartsView extends BorderPane {

    private static final long REDRAW_NANOS = 500_000_000L;
    static final int LINES_LIMIT = 12;
    private static final String[] TITLES = {"CPU load", "RAM load", "Battery"};

    private final ChartsModel model;
    private final Canvas canvas = new Canvas();
    private final javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(10, 2);
    private String legendKey = "";
    private List<String> timeLabels = List.of();
    private static final double AXIS = 14;
    private long lastDraw;
    private boolean dirty = true;

    ChartsView(ChartsModel model) {
        this.model = model;
        getStyleClass().add("charts");
        ComboBox<String> device = new ComboBox<>(model.choices);
        device.valueProperty().bindBidirectional(model.selected);
        device.setId("charts-device");
        Label title = new Label("CPU, RAM and battery:");
        title.setTooltip(new javafx.scene.control.Tooltip("Each device's CPU load, RAM load and battery over the last"
                + " minutes (up to five); pick one device or all of them"));
        HBox bar = new HBox(8, title, device);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 0, 6));
        legend.setId("charts-legend");
        legend.setPadding(new Insets(2, 6, 2, 6));
        setTop(new javafx.scene.layout.VBox(bar, legend));
        Pane pane = new Pane(canvas) {
            @Override
            protected void layoutChildren() {
                canvas.setWidth(getWidth());
                canvas.setHeight(getHeight());
                dirty = true;
            }
        };
        pane.setMinSize(100, 90);
        pane.getStyleClass().add("canvas-pane"); // dark in either theme: the drawing is in light colours
        setCenter(pane);
        model.selected.addListener(o -> dirty = true);
        model.version.addListener(o -> dirty = true);
    }

    void draw(long now) {
        if (!dirty || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        dirty = false;
        lastDraw = now;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        long end = latest();
        long window = window(end);
        long start = end - window;
        double plotH = (h - 8 - AXIS) / 3;
        String selected = model.selected.get();
        boolean all = selected == null || selected.equals(ChartsModel.ALL);
        updateLegend(all, selected);
        timeAxis(g, window, 64, w - 64 - 8, 4 + 3 * plotH - 10, 4 + 3 * plotH - 6);
        for (int p = 0; p < 3; p++) {
            double top = 4 + p * plotH;
            double left = 64;
            double pw = w - left - 8;
            double ph = plotH - 10;
            g.setStroke(Color.web("#30363d"));
            g.setLineWidth(1);
            g.strokeRect(left, top, pw, ph);
            g.strokeLine(left, top + ph / 2, left + pw, top + ph / 2);
            g.setFill(Color.web("#8b949e"));
            g.setFont(Font.font("System", 10));
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(TITLES[p], left - 6, top + ph / 2);
            g.fillText("100%", left - 6, top + 5);
            int count = model.series.size();
            if (all && count > LINES_LIMIT) {
                band(g, p, start, window, left, top, pw, ph);
                continue;
            }
            int k = 0;
            for (Map.Entry<String, Series> entry : model.series.entrySet()) {
                k++;
                if (!all && !entry.getKey().equals(selected)) {
                    continue;
                }
                Color c = all ? model.colours.getOrDefault(entry.getKey(), Color.GRAY)
                        : Color.web(p == 0 ? "#58a6ff" : p == 1 ? "#bc8cff" : "#3fb950");
                plot(g, entry.getValue(), p, start, window, left, top, pw, ph, c, all ? 1 : 2);
            }
        }
    }

    private static void plot(GraphicsContext g, Series s, int which, long start, long window, double left, double top, double pw,
                             double ph, Color c, double width) {
        double[] values = which == 0 ? s.cpu : which == 1 ? s.ram : s.battery;
        g.setStroke(c);
        g.setLineWidth(width);
        g.beginPath();
        boolean open = false;
        for (int i = 0; i < s.size(); i++) {
            int idx = s.index(i);
            double v = values[idx];
            if (s.time[idx] < start || v < 0) {
                open = false;
                continue;
            }
            double x = left + pw * (s.time[idx] - start) / (double) window;
            double y = top + ph * (1 - Math.min(1, v));
            if (open) {
                g.lineTo(x, y);
            } else {
                g.moveTo(x, y);
                open = true;
            }
        }
        g.stroke();
    }

    /** Lowest to highest of every device per few pixels of time, and the mean as a line. */
    private void band(GraphicsContext g, int which, long start, long window, double left, double top, double pw,
                      double ph) {
        int buckets = Math.max(1, (int) (pw / 3));
        double[] low = new double[buckets];
        double[] high = new double[buckets];
        double[] sum = new double[buckets];
        int[] n = new int[buckets];
        java.util.Arrays.fill(low, Double.MAX_VALUE);
        java.util.Arrays.fill(high, -1);
        for (Series s : model.series.values()) {
            double[] values = which == 0 ? s.cpu : which == 1 ? s.ram : s.battery;
            for (int i = 0; i < s.size(); i++) {
                int idx = s.index(i);
                double v = values[idx];
                if (s.time[idx] < start || v < 0) {
                    continue;
                }
                int b = (int) Math.min(buckets - 1, (s.time[idx] - start) * buckets / window);
                low[b] = Math.min(low[b], v);
                high[b] = Math.max(high[b], v);
                sum[b] += v;
                n[b]++;
            }
        }
        Color c = Color.web(which == 0 ? "#58a6ff" : which == 1 ? "#bc8cff" : "#3fb950");
        double step = pw / buckets;
        g.setStroke(c.deriveColor(0, 1, 1, 0.3));
        g.setLineWidth(step);
        for (int b = 0; b < buckets; b++) {
            if (n[b] > 0) {
                double x = left + step * (b + 0.5);
                g.strokeLine(x, top + ph * (1 - Math.min(1, high[b])), x, top + ph * (1 - Math.min(1, low[b])) + 1);
            }
        }
        g.setStroke(c);
        g.setLineWidth(1.5);
        g.beginPath();
        boolean open = false;
        for (int b = 0; b < buckets; b++) {
            if (n[b] == 0) {
                open = false;
                continue;
            }
            double x = left + step * (b + 0.5);
            double y = top + ph * (1 - Math.min(1, sum[b] / n[b]));
            if (open) {
                g.lineTo(x, y);
            } else {
                g.moveTo(x, y);
                open = true;
            }
        }
        g.stroke();
        g.setFill(Color.web("#8b949e"));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(model.series.size() + " devices: mean, band from lowest to highest", left + 6, top + 3);
    }

    /** Time ticks under the plots, as seconds or minutes before the newest sample, and a grid line for each. */
    private void timeAxis(GraphicsContext g, long window, double left, double pw, double gridBottom, double labelTop) {
        long stepSeconds = window <= 60_000_000_000L ? 15 : window <= 180_000_000_000L ? 30 : 60;
        long seconds = window / 1_000_000_000L;
        List<String> labels = new java.util.ArrayList<>();
        g.setFont(Font.font("System", 10));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (long ago = seconds - seconds % stepSeconds; ago >= 0; ago -= stepSeconds) {
            double x = left + pw * (1 - ago / (double) seconds);
            g.setStroke(Color.web("#30363d", 0.6));
            g.setLineWidth(1);
            g.strokeLine(x, 4, x, gridBottom);
            String text = ago == 0 ? "now" : ago % 60 == 0 ? "−" + ago / 60 + " min" : "−" + ago + " s";
            g.setFill(Color.web("#8b949e"));
            g.setTextAlign(ago == 0 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(text, ago == 0 ? x : x, labelTop);
            labels.add(text);
        }
        timeLabels = labels;
    }

    /** Which colour is which device (a few devices), or what the band and the line mean (many). */
    private void updateLegend(boolean all, String selected) {
        int count = model.series.size();
        String key = all + "|" + selected + "|" + count;
        if (key.equals(legendKey)) {
            return;
        }
        legendKey = key;
        List<javafx.scene.Node> entries = new java.util.ArrayList<>();
        if (!all) {
            entries.add(entry(new Color[]{Color.web("#58a6ff")}, selected + ": CPU, RAM and battery, one plot each"));
        } else if (count > LINES_LIMIT) {
            entries.add(entry(new Color[]{Color.web("#58a6ff")}, "mean of " + count + " devices"));
            entries.add(entry(new Color[]{Color.web("#58a6ff", 0.3)}, "band: lowest to highest"));
        } else {
            for (String id : model.series.keySet()) {
                entries.add(entry(new Color[]{model.colours.getOrDefault(id, Color.GRAY)}, id));
            }
        }
        legend.getChildren().setAll(entries);
    }

    private static javafx.scene.Node entry(Color[] colours, String text) {
        javafx.scene.shape.Rectangle swatch = new javafx.scene.shape.Rectangle(14, 3, colours[0]);
        Label label = new Label(text);
        label.getStyleClass().add("legend-label");
        HBox box = new HBox(4, swatch, label);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    List<String> legendTexts() {
        return legend.getChildren().stream().map(n -> ((Label) ((HBox) n).getChildren().get(1)).getText()).toList();
    }

    List<String> timeLabels() {
        return timeLabels;
    }

    /** One minute at first, growing with the data up to five. */
    private long window(long end) {
        long earliest = end;
        for (Series s : model.series.values()) {
            if (s.size() > 0) {
                earliest = Math.min(earliest, s.time[s.index(0)]);
            }
        }
        return Math.max(60_000_000_000L, Math.min(ChartsModel.WINDOW_NANOS, end - earliest));
    }

    private long latest() {
        long latest = 0;
        for (Series s : model.series.values()) {
            if (s.size() > 0) {
                latest = Math.max(latest, s.time[s.index(s.size() - 1)]);
            }
        }
        return latest;
    }
}
