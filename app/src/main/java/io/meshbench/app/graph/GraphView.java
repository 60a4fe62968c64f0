package io.meshbench.app.graph;

import io.meshbench.app.bridge.Throttle;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Draws the mesh on two canvases (a scene node per message would not keep up with a busy mesh):
 * below, the orchestrator in the middle and the devices on rings around it, as cards when there
 * are few and as dots with short labels when there are many, redrawn only when something changed
 * and at most {@link #BASE_PER_SECOND} times a second; above, the messages crossing their edges,
 * at most {@link #FLIGHTS_PER_SECOND} times a second. With software rendering (no GPU) every
 * stroke costs the renderer, so the device layer, which changes slowly, is not redrawn for each
 * animation step.
 */
final class GraphView extends Region {

    static final double BASE_PER_SECOND = 5;
    static final double FLIGHTS_PER_SECOND = 20;
    private static final int CARD_LIMIT = 12;
    private static final Color EDGE = Color.web("#30363d");
    private static final Color TEXT = Color.web("#e6edf3");
    private static final Color MUTED = Color.web("#8b949e");
    private static final Color CARD = Color.web("#161b22");
    private static final Color WINNER = Color.web("#e3b341");
    private static final Color ORCHESTRATOR = Color.web("#39c5cf");
    private static final Color NPU = Color.web("#a371f7");

    private final GraphModel model;
    private final Canvas base = new Canvas();
    private final Canvas overlay = new Canvas();
    private final Map<String, double[]> positions = new HashMap<>();
    private final Throttle baseRate = new Throttle(BASE_PER_SECOND);
    private final Throttle flightRate = new Throttle(FLIGHTS_PER_SECOND);
    private long drawnVersion = -1;
    private double drawnWidth;
    private double drawnHeight;
    private boolean overlayEmpty = true;

    GraphView(GraphModel model) {
        this.model = model;
        getStyleClass().add("mesh-graph");
        overlay.setMouseTransparent(true);
        getChildren().addAll(base, overlay);
        setMinSize(200, 160);
    }

    @Override
    protected void layoutChildren() {
        for (Canvas c : new Canvas[]{base, overlay}) {
            c.setWidth(getWidth());
            c.setHeight(getHeight());
        }
    }

    void draw(long now) {
        boolean resized = drawnWidth != getWidth() || drawnHeight != getHeight();
        if (resized) {
            baseRate.reset();
        }
        if ((resized || drawnVersion != model.version) && baseRate.due(now)) {
            drawBase();
        }
        if (!model.flights.isEmpty() || !overlayEmpty) {
            if (flightRate.due(now)) {
                drawOverlay(now);
            }
        }
    }

    private void drawBase() {
        drawnVersion = model.version;
        drawnWidth = getWidth();
        drawnHeight = getHeight();
        GraphicsContext g = base.getGraphicsContext2D();
        double w = base.getWidth();
        double h = base.getHeight();
        g.clearRect(0, 0, w, h);
        layout(w, h);
        double[] hub = positions.get(model.orchestratorId);
        g.setStroke(EDGE);
        g.setLineWidth(1);
        if (hub != null) {
            for (var d : model.devices.values()) {
                double[] p = positions.get(d.id);
                if (!d.orchestrator && p != null) {
                    g.strokeLine(hub[0], hub[1], p[0], p[1]);
                }
            }
        }
        boolean cards = cards();
        for (var d : model.devices.values()) {
            double[] p = positions.get(d.id);
            if (cards || d.orchestrator) {
                card(g, d, p[0], p[1]);
            } else {
                dot(g, d, p[0], p[1]);
            }
        }
        legend(g);
    }

    private boolean cards() {
        return model.devices.size() <= CARD_LIMIT + 1;
    }

    private void drawOverlay(long now) {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        overlayEmpty = model.flights.isEmpty();
        drawFlights(g, now);
    }

    private void layout(double w, double h) {
        positions.clear();
        double cx = w / 2;
        double cy = h / 2 + 14;
        int n = model.devices.size() - (model.orchestratorId == null ? 0 : 1);
        int rings = n <= 24 ? 1 : n <= 60 ? 2 : 3;
        double rx = w / 2 - (n <= CARD_LIMIT ? 80 : 28);
        double ry = h / 2 - (n <= CARD_LIMIT ? 62 : 36);
        int i = 0;
        for (var d : model.devices.values()) {
            if (d.orchestrator && d.id.equals(model.orchestratorId)) {
                positions.put(d.id, new double[]{cx, cy});
                continue;
            }
            int ring = i % rings;
            double scale = 1 - ring * 0.22;
            // A few devices sit beside the orchestrator rather than above and below it.
            double angle = -Math.PI / 2 + 2 * Math.PI * (i + (n <= 4 ? 0.5 : 0)) / Math.max(1, n);
            positions.put(d.id, new double[]{cx + Math.cos(angle) * rx * scale, cy + Math.sin(angle) * ry * scale});
            i++;
        }
    }

    private void drawFlights(GraphicsContext g, long now) {
        boolean trails = cards();
        Iterator<GraphModel.Flight> it = model.flights.values().iterator();
        while (it.hasNext()) {
            GraphModel.Flight f = it.next();
            double t = (now - f.start()) / (double) GraphModel.FLIGHT_NANOS;
            if (t >= 1) {
                it.remove();
                continue;
            }
            double[] a = positions.get(f.from());
            double[] b = positions.get(f.to());
            if (a == null || b == null || t < 0) {
                continue;
            }
            Color c = MessageColors.of(f.type());
            if (trails) { // with many devices a trail per edge would cover the graph (and cost the renderer)
                g.setStroke(c.deriveColor(0, 1, 1, 0.35 * (1 - t)));
                g.setLineWidth(2);
                g.strokeLine(a[0], a[1], b[0], b[1]);
            }
            double x = a[0] + (b[0] - a[0]) * t;
            double y = a[1] + (b[1] - a[1]) * t;
            double r = trails ? 5 : 3.5;
            g.setFill(c);
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
        }
    }

    private void card(GraphicsContext g, GraphModel.Device d, double x, double y) {
        double cw = d.orchestrator ? 150 : 140;
        double ch = d.orchestrator ? 58 : 74;
        double left = x - cw / 2;
        double top = y - ch / 2;
        boolean winner = d.id.equals(model.winner.get());
        g.setGlobalAlpha(d.greyed() ? 0.4 : 1);
        g.setFill(CARD);
        g.fillRoundRect(left, top, cw, ch, 14, 14);
        g.setLineWidth(winner ? 3 : 1.5);
        g.setStroke(winner ? WINNER : d.orchestrator ? ORCHESTRATOR : d.greyed() ? MUTED : EDGE.brighter());
        g.strokeRoundRect(left, top, cw, ch, 14, 14);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFont(Font.font("System", FontWeight.BOLD, 13));
        g.setFill(TEXT);
        g.fillText(d.id, left + 10, top + 7);
        badge(g, d, left + cw - 44, top + 7);
        g.setFont(Font.font("System", 11));
        if (d.orchestrator) {
            g.setFill(ORCHESTRATOR);
            g.fillText("orchestrator", left + 10, top + 26);
        } else if (d.greyed()) {
            g.setFill(Color.web("#f85149"));
            g.fillText(d.down ? "DOWN (killed)" : "UNREACHABLE", left + 10, top + 30);
        } else {
            bar(g, "CPU", d.cpu, left + 10, top + 27, cw - 20);
            bar(g, "RAM", d.ram, left + 10, top + 42, cw - 20);
            bar(g, "BAT", d.battery < 0 ? -1 : d.battery / 100.0, left + 10, top + 57, cw - 20);
        }
        if (winner) {
            g.setFill(WINNER);
            g.fillText("★ winner", left + 10, top + ch + 3);
        }
        g.setGlobalAlpha(1);
    }

    private void badge(GraphicsContext g, GraphModel.Device d, double x, double y) {
        if (d.orchestrator) {
            return;
        }
        String text = d.npu == null ? "?" : d.npu ? "NPU" : "CPU";
        g.setFill(d.npu != null && d.npu ? NPU : Color.web("#484f58"));
        g.fillRoundRect(x, y, 36, 16, 8, 8);
        g.setFill(Color.WHITE);
        g.setFont(Font.font("System", FontWeight.BOLD, 10));
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(text, x + 18, y + 2);
        g.setTextAlign(TextAlignment.LEFT);
    }

    private void bar(GraphicsContext g, String label, double share, double x, double y, double width) {
        g.setFill(MUTED);
        g.fillText(label, x, y - 1);
        double bx = x + 30;
        double bw = width - 30 - 36;
        g.setFill(Color.web("#21262d"));
        g.fillRoundRect(bx, y + 2, bw, 8, 4, 4);
        if (share >= 0) {
            g.setFill(load(label.equals("BAT") ? 1 - share : share));
            g.fillRoundRect(bx, y + 2, bw * Math.min(1, share), 8, 4, 4);
        }
        g.setFill(TEXT);
        g.fillText(share < 0 ? "–" : Math.round(share * 100) + "%", bx + bw + 4, y - 1);
    }

    private void dot(GraphicsContext g, GraphModel.Device d, double x, double y) {
        boolean winner = d.id.equals(model.winner.get());
        double r = 9;
        g.setGlobalAlpha(d.greyed() ? 0.35 : 1);
        g.setFill(d.greyed() ? MUTED : d.cpu < 0 ? Color.web("#484f58") : load(d.cpu));
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
        if (d.npu != null && d.npu) {
            g.setStroke(NPU);
            g.setLineWidth(2.5);
            g.strokeOval(x - r - 2, y - r - 2, 2 * r + 4, 2 * r + 4);
        }
        if (winner) {
            g.setStroke(WINNER);
            g.setLineWidth(3);
            g.strokeOval(x - r - 5, y - r - 5, 2 * r + 10, 2 * r + 10);
        }
        g.setFill(winner ? WINNER : TEXT);
        g.setFont(Font.font("System", 9));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(shortId(d.id), x, y + r + 2);
        g.setGlobalAlpha(1);
    }

    private static String shortId(String id) {
        return id.startsWith("Device_") ? id.substring(7) : id.length() > 8 ? id.substring(0, 8) : id;
    }

    /** Green when idle, amber when busy, red when saturated. */
    private static Color load(double share) {
        double s = Math.max(0, Math.min(1, share));
        return s < 0.5 ? Color.web("#3fb950").interpolate(Color.web("#d29922"), s * 2)
                : Color.web("#d29922").interpolate(Color.web("#f85149"), (s - 0.5) * 2);
    }

    private void legend(GraphicsContext g) {
        g.setFont(Font.font("System", 11));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double x = 10;
        for (String type : MessageColors.TYPES) {
            g.setFill(MessageColors.of(type));
            g.fillOval(x, 10, 9, 9);
            g.setFill(MUTED);
            g.fillText(type, x + 13, 15);
            x += 22 + type.length() * 6.6;
        }
    }
}
