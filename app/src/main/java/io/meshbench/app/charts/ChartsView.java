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
    private long lastDraw;
    private boolean dirty = true;

    ChartsView(ChartsModel model) {
        this.model = model;
        getStyleClass().add("charts");
        ComboBox<String> device = new ComboBox<>(model.choices);
        device.valueProperty().bindBidirectional(model.selected);
        device.setId("charts-device");
        HBox bar = new HBox(8, new Label("CPU, RAM and battery over the last minutes:"), device);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        setTop(bar);
        Pane pane = new Pane(canvas) {
            @Override
            protected void layoutChildren() {
                canvas.setWidth(getWidth());
                canvas.setHeight(getHeight());
                dirty = true;
            }
        };
        pane.setMinSize(100, 90);
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
        double plotH = (h - 8) / 3;
        String selected = model.selected.get();
        boolean all = selected == null || selected.equals(ChartsModel.ALL);
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
                Color c = all ? Color.hsb(360.0 * k / Math.max(1, count), 0.6, 0.95, count > 20 ? 0.5 : 0.9)
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
