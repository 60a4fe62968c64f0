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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    /**
     * The NPU ring and badge: white, so they cannot be taken for a message's dot (every message type
     * has a saturated colour, BID_RESPONSE a violet).
     */
    static final Color NPU = Color.web("#f0f6fc");
    private static final double BADGE = 36;
    private static final double CARD_WIDTH = 140;
    private static final Font NAME_FONT = Font.font("System", FontWeight.BOLD, 13);
    private static final double DOT = 9;

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

    private final javafx.scene.layout.FlowPane legend = GraphLegend.create();
    private final javafx.scene.control.Tooltip hover = new javafx.scene.control.Tooltip();
    private final javafx.scene.control.TextArea inspectorText = new javafx.scene.control.TextArea();
    private final javafx.scene.layout.VBox inspector;
    private final java.util.function.Function<String, java.util.Optional<String>> inspect;
    private String hovered;

    GraphView(GraphModel model, java.util.function.Function<String, java.util.Optional<String>> inspect) {
        this.model = model;
        this.inspect = inspect;
        getStyleClass().add("mesh-graph");
        overlay.setMouseTransparent(true);
        inspectorText.setId("device-inspector-text");
        inspectorText.setEditable(false);
        inspectorText.setWrapText(true);
        inspectorText.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        javafx.scene.control.Button close = new javafx.scene.control.Button("✕");
        close.setId("device-inspector-close");
        close.setTooltip(new javafx.scene.control.Tooltip("Close the inspector (or click the device again)"));
        close.setOnAction(e -> model.inspected.set(null));
        javafx.scene.control.Label title = new javafx.scene.control.Label("Device inspector");
        title.getStyleClass().add("pane-title");
        javafx.scene.layout.HBox head = new javafx.scene.layout.HBox(6, title, close);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.HBox.setHgrow(title, javafx.scene.layout.Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        inspector = new javafx.scene.layout.VBox(4, head, inspectorText);
        javafx.scene.layout.VBox.setVgrow(inspectorText, javafx.scene.layout.Priority.ALWAYS);
        inspector.setId("device-inspector");
        inspector.getStyleClass().add("device-inspector");
        inspector.setVisible(false);
        model.inspected.addListener((o, a, b) -> {
            inspector.setVisible(b != null);
            refreshInspector();
        });
        getChildren().addAll(base, overlay, legend, inspector);
        setMinSize(200, 160);
        hover.setShowDelay(javafx.util.Duration.millis(150));
        javafx.scene.control.Tooltip.install(base, hover);
        base.setOnMouseMoved(e -> {
            String id = deviceAt(e.getX(), e.getY());
            if (id != null && !id.equals(hovered)) {
                hover.setText(inspect.apply(id).map(t -> t.lines().limit(4).reduce((x, y) -> x + "\n" + y).orElse(t))
                        .orElse(id) + "\n(click for the inspector)");
            }
            hovered = id;
            base.setCursor(id == null ? javafx.scene.Cursor.DEFAULT : javafx.scene.Cursor.HAND);
            if (id == null) {
                hover.hide();
            }
        });
        base.setOnMouseClicked(e -> {
            String id = deviceAt(e.getX(), e.getY());
            if (id != null) {
                model.inspected.set(id.equals(model.inspected.get()) ? null : id);
            }
        });
    }

    /** The device drawn at (x, y), or null. */
    String deviceAt(double x, double y) {
        boolean cards = cards();
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (var d : model.devices.values()) {
            double[] p = positions.get(d.id);
            if (p == null) {
                continue;
            }
            double hw = cards || d.orchestrator ? cardWidth(d) / 2 : DOT + 4;
            double hh = cards || d.orchestrator ? cardHeight(d) / 2 : DOT + 4;
            double dx = Math.abs(x - p[0]);
            double dy = Math.abs(y - p[1]);
            if (dx <= hw && dy <= hh && dx + dy < bestDistance) {
                best = d.id;
                bestDistance = dx + dy;
            }
        }
        return best;
    }

    GraphModel model() {
        return model;
    }

    /** Where {@code id} is drawn, for tests: its centre, or null. */
    double[] position(String id) {
        double[] p = positions.get(id);
        return p == null ? null : p.clone();
    }

    private void refreshInspector() {
        String id = model.inspected.get();
        if (id != null) {
            String text = inspect.apply(id).orElse(id + ": no longer in the mesh");
            if (!text.equals(inspectorText.getText())) {
                inspectorText.setText(text);
            }
        }
    }

    @Override
    protected void layoutChildren() {
        double top = legendHeight();
        for (Canvas c : new Canvas[]{base, overlay}) {
            c.setLayoutY(top);
            c.setWidth(getWidth());
            c.setHeight(Math.max(0, getHeight() - top));
        }
        legend.resizeRelocate(0, 0, getWidth(), top);
        double iw = Math.min(320, getWidth() * 0.5);
        inspector.resizeRelocate(getWidth() - iw - 6, top + 6, iw, Math.max(60, getHeight() - top - 12));
    }

    private double legendHeight() {
        return legend.prefHeight(getWidth());
    }

    void draw(long now) {
        boolean resized = drawnWidth != getWidth() || drawnHeight != getHeight();
        if (resized) {
            baseRate.reset();
        }
        if ((resized || drawnVersion != model.version) && baseRate.due(now)) {
            drawBase();
            refreshInspector();
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
        if (!cards) {
            labels(g);
        }
    }

    /** Labels drawn last, with where they are: {x, y, width, height}. */
    private final Map<String, double[]> labelled = new java.util.LinkedHashMap<>();

    /**
     * The dots' names, where they fit: the winner's and the inspected device's first, then each in
     * turn unless it would cover a name already drawn or another device's dot. The others are a hover
     * away; a name is never drawn over another.
     */
    private void labels(GraphicsContext g) {
        labelled.clear();
        Occupancy taken = new Occupancy(40);
        for (var d : model.devices.values()) {
            double[] p = positions.get(d.id);
            if (p != null && !d.orchestrator) {
                taken.add(new double[]{p[0] - DOT - 3, p[1] - DOT - 3, 2 * DOT + 6, 2 * DOT + 6}, d.id);
            }
        }
        double[] hub = positions.get(model.orchestratorId);
        if (hub != null) {
            GraphModel.Device o = model.devices.get(model.orchestratorId);
            double[] half = halfSize(o);
            taken.add(new double[]{hub[0] - half[0], hub[1] - half[1], 2 * half[0], 2 * half[1]}, model.orchestratorId);
        }
        List<GraphModel.Device> order = new ArrayList<>();
        String winner = model.winner.get();
        String inspected = model.inspected.get();
        for (String first : new String[]{winner, inspected}) {
            GraphModel.Device d = first == null ? null : model.devices.get(first);
            if (d != null && !order.contains(d)) {
                order.add(d);
            }
        }
        for (var d : model.devices.values()) {
            if (!order.contains(d)) {
                order.add(d);
            }
        }
        g.setFont(Font.font("System", 9));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (GraphModel.Device d : order) {
            double[] p = positions.get(d.id);
            if (p == null || d.orchestrator) {
                continue;
            }
            String text = shortId(d.id);
            double w = text.length() * 5.6 + 2;
            double[] box = {p[0] - w / 2, p[1] + DOT + 2, w, 11};
            boolean first = d.id.equals(winner) || d.id.equals(inspected); // drawn even over a dot
            if (!first && taken.overlaps(box, d.id)) {
                continue;
            }
            taken.add(box, null);
            labelled.put(d.id, box);
            g.setGlobalAlpha(d.greyed() ? 0.35 : 1);
            g.setFill(d.id.equals(winner) ? WINNER : TEXT);
            g.fillText(text, p[0], p[1] + DOT + 2);
        }
        g.setGlobalAlpha(1);
    }

    /** The devices whose names the graph drew last, with their boxes (a dot's name, past 12 devices). */
    Map<String, double[]> labelled() {
        return java.util.Collections.unmodifiableMap(labelled);
    }

    /** Boxes on the graph in a grid of cells, to find overlaps without comparing every pair. */
    private static final class Occupancy {
        private final double cell;
        private final Map<Long, List<Object[]>> cells = new HashMap<>();

        Occupancy(double cell) {
            this.cell = cell;
        }

        void add(double[] box, String owner) {
            forCells(box, key -> cells.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[]{box, owner}));
        }

        boolean overlaps(double[] box, String self) {
            boolean[] hit = {false};
            forCells(box, key -> {
                for (Object[] other : cells.getOrDefault(key, List.of())) {
                    double[] o = (double[]) other[0];
                    if (!hit[0] && !self.equals(other[1]) && box[0] < o[0] + o[2] && o[0] < box[0] + box[2]
                            && box[1] < o[1] + o[3] && o[1] < box[1] + box[3]) {
                        hit[0] = true;
                    }
                }
            });
            return hit[0];
        }

        private void forCells(double[] box, java.util.function.LongConsumer action) {
            int x0 = (int) Math.floor(box[0] / cell);
            int x1 = (int) Math.floor((box[0] + box[2]) / cell);
            int y0 = (int) Math.floor(box[1] / cell);
            int y1 = (int) Math.floor((box[1] + box[3]) / cell);
            for (int x = x0; x <= x1; x++) {
                for (int y = y0; y <= y1; y++) {
                    action.accept(((long) x << 32) ^ (y & 0xffffffffL));
                }
            }
        }
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
        double cy = h / 2;
        int n = model.devices.size() - (model.orchestratorId == null ? 0 : 1);
        int rings = n <= 24 ? 1 : n <= 60 ? 2 : 3;
        double rx = w / 2 - (n <= CARD_LIMIT ? 80 : 28);
        double ry = h / 2 - (n <= CARD_LIMIT ? 62 : 36);
        // The innermost ring clears the orchestrator's card (its box lies inside the ring's ellipse).
        double innermost = 1 - (rings - 1) * 0.22;
        GraphModel.Device hubDevice = model.orchestratorId == null ? null : model.devices.get(model.orchestratorId);
        if (n > CARD_LIMIT && hubDevice != null && rings > 1) {
            double[] half = halfSize(hubDevice);
            double clear = Math.max((half[0] + 26) / Math.max(1, rx), (half[1] + 22) / Math.max(1, ry));
            innermost = Math.min(0.9, Math.max(innermost, clear));
        }
        double step = rings > 1 ? (1 - innermost) / (rings - 1) : 0;
        int i = 0;
        for (var d : model.devices.values()) {
            if (d.orchestrator && d.id.equals(model.orchestratorId)) {
                positions.put(d.id, new double[]{cx, cy});
                continue;
            }
            int ring = i % rings;
            double scale = 1 - ring * step;
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
            double[][] ends = flightPath(f.from(), f.to());
            if (ends == null) {
                continue;
            }
            a = ends[0];
            b = ends[1];
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

    /**
     * Where a message between two devices travels: from the edge of one card (or dot) to the edge of
     * the other, so that it never crosses their text. Null when the two overlap.
     */
    double[][] flightPath(String from, String to) {
        double[] a = positions.get(from);
        double[] b = positions.get(to);
        if (a == null || b == null) {
            return null;
        }
        double[] start = exit(a, b, halfSize(model.devices.get(from)));
        double[] end = exit(b, a, halfSize(model.devices.get(to)));
        if ((end[0] - start[0]) * (b[0] - a[0]) + (end[1] - start[1]) * (b[1] - a[1]) <= 0) {
            return null;
        }
        return new double[][]{start, end};
    }

    /** Half the width and height a device takes on screen (a card, or a dot with its rings). */
    double[] halfSize(GraphModel.Device d) {
        if (d == null) {
            return new double[]{0, 0};
        }
        if (cards() || d.orchestrator) {
            // the winner's "★ winner" line sits below the card: room for it too
            return new double[]{cardWidth(d) / 2 + 3, cardHeight(d) / 2 + 18};
        }
        return new double[]{DOT + 6, DOT + 6};
    }

    /** The point where the segment from {@code c} towards {@code to} leaves the box of half-size {@code half}. */
    private static double[] exit(double[] c, double[] to, double[] half) {
        double dx = to[0] - c[0];
        double dy = to[1] - c[1];
        double tx = dx == 0 ? Double.MAX_VALUE : half[0] / Math.abs(dx);
        double ty = dy == 0 ? Double.MAX_VALUE : half[1] / Math.abs(dy);
        double t = Math.min(1, Math.min(tx, ty));
        return new double[]{c[0] + dx * t, c[1] + dy * t};
    }

    /** A card is wide enough for its name and its NPU/CPU badge side by side. */
    static double cardWidth(GraphModel.Device d) {
        if (d.orchestrator) {
            return Math.max(150, nameWidth(d.id) + 20);
        }
        return Math.max(CARD_WIDTH, 10 + nameWidth(d.id) + 8 + BADGE + 8);
    }

    private static double cardHeight(GraphModel.Device d) {
        return d.orchestrator ? 58 : 74;
    }

    static double nameWidth(String id) {
        javafx.scene.text.Text text = new javafx.scene.text.Text(id);
        text.setFont(NAME_FONT);
        return Math.ceil(text.getLayoutBounds().getWidth());
    }

    /** Where a card's name ends and its badge begins, from the card's left edge. */
    static double[] nameAndBadge(GraphModel.Device d) {
        double cw = cardWidth(d);
        return new double[]{10 + nameWidth(d.id), cw - BADGE - 8};
    }

    private void card(GraphicsContext g, GraphModel.Device d, double x, double y) {
        double cw = cardWidth(d);
        double ch = cardHeight(d);
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
        g.setFont(NAME_FONT);
        g.setFill(TEXT);
        g.fillText(d.id, left + 10, top + 7);
        badge(g, d, left + cw - BADGE - 8, top + 7);
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
        boolean npu = d.npu != null && d.npu;
        g.setFill(npu ? NPU : Color.web("#484f58"));
        g.fillRoundRect(x, y, BADGE, 16, 8, 8);
        g.setFill(npu ? Color.web("#0d1117") : Color.WHITE);
        g.setFont(Font.font("System", FontWeight.BOLD, 10));
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(text, x + BADGE / 2, y + 2);
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
        double r = DOT;
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

    /** Green when idle, amber when busy, red when saturated: the legend shows the same scale. */
    static Color loadColour(double share) {
        return load(share);
    }
}
