package io.meshbench.app.sequence;

import io.meshbench.app.graph.MessageColors;
import io.meshbench.app.bridge.Throttle;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lifelines across, time downwards, one row per message; the newest at the bottom. Redrawn when
 * something changed, at most {@link #DRAWS_PER_SECOND} times a second while messages stream in,
 * and at once after a user's action (a filter, a scroll, a click).
 */
final class SequenceView extends BorderPane {

    static final double DRAWS_PER_SECOND = 15;

    private static final double ROW = 18;
    private static final double HEADER = 24;
    private static final double GUTTER = 92;
    /** The narrowest column a lifeline gets: its name stays readable (about 10 characters). */
    static final double MIN_SPAN = 72;
    /** The lifelines drawn last, for clicks on the header (and tests). */
    private List<String> drawnLines = List.of();
    private double drawnSpan = 1;
    /** While scrolled back: the first arrow shown, by its number, so the view stays put as new ones come. */
    private long anchorSeq = -1;

    private final SequenceModel model;
    private final SequenceController controller;
    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final TextArea detail = new TextArea();
    private List<Arrow> shown = List.of();
    private int first;
    private int drawnVersion = -1;
    private boolean follow = true;
    private final Throttle rate = new Throttle(DRAWS_PER_SECOND);
    /** Set while drawing: the scroll bar it moves to follow the newest must not ask for another draw. */
    private boolean drawing;

    SequenceView(SequenceModel model, SequenceController controller) {
        this.model = model;
        this.controller = controller;
        getStyleClass().add("sequence");
        ComboBox<String> type = new ComboBox<>();
        type.getItems().add(SequenceModel.ALL);
        type.getItems().addAll(MessageColors.TYPES);
        type.valueProperty().bindBidirectional(model.typeFilter);
        type.setId("sequence-type");
        ComboBox<String> device = new ComboBox<>(model.deviceChoices);
        device.valueProperty().bindBidirectional(model.deviceFilter);
        device.setId("sequence-device");
        Label task = new Label();
        task.textProperty().bind(model.taskFilter.map(t -> "task " + t).orElse("every task"));
        Button all = new Button("Every task");
        all.setOnAction(e -> controller.showTask(null));
        all.disableProperty().bind(model.taskFilter.isNull());
        type.setTooltip(new javafx.scene.control.Tooltip("Show one type of message only"));
        device.setTooltip(new javafx.scene.control.Tooltip("Show one device's messages only"));
        all.setTooltip(new javafx.scene.control.Tooltip("Show every auction's messages again (an auction picked in"
                + " the Auctions list shows its messages alone)"));
        // A flow, not a row: at 1280×720 the controls wrap instead of being cut to "T…" and "Dev…".
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 4, label("Type"), type,
                label("Device"), device, task, all);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        setTop(bar);

        Pane chart = new Pane(canvas) {
            @Override
            protected void layoutChildren() {
                canvas.setWidth(getWidth());
                canvas.setHeight(getHeight());
            }
        };
        chart.setMinSize(100, 80);
        chart.getStyleClass().add("canvas-pane"); // dark in either theme: the drawing is in light colours
        canvas.widthProperty().addListener(o -> redrawNow());
        canvas.heightProperty().addListener(o -> redrawNow());
        canvas.setOnMouseClicked(e -> {
            if (e.getY() < HEADER) {
                int i = (int) ((e.getX() - GUTTER) / drawnSpan);
                if (e.getX() >= GUTTER && i >= 0 && i < drawnLines.size()) {
                    controller.togglePin(drawnLines.get(i));
                    redrawNow();
                }
            } else {
                click(e.getY());
            }
        });
        javafx.scene.control.Tooltip.install(canvas, new javafx.scene.control.Tooltip(
                "Click a lifeline's name to pin it (★: always shown). With many devices the chart shows the pinned,"
                        + " the orchestrator, the selected auction's and the busiest devices; \"others\" stands for the rest."));
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.valueProperty().addListener((o, a, b) -> {
            if (!drawing) {
                follow = b.doubleValue() >= scroll.getMax() - 0.5;
                anchorSeq = -1;
                int index = (int) Math.round(b.doubleValue());
                if (!follow && index >= 0 && index < shown.size()) {
                    anchorSeq = shown.get(index).seq();
                }
                redrawNow();
            }
        });
        chart.setOnScroll(e -> scroll.setValue(Math.max(0, Math.min(scroll.getMax(),
                scroll.getValue() - Math.signum(e.getDeltaY()) * 3))));
        BorderPane body = new BorderPane(chart);
        body.setRight(scroll);
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setId("arrow-detail");
        detail.setPromptText("Click an arrow to see its wire line and decoded fields");
        SplitPane split = new SplitPane(body, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.78);
        setCenter(split);
        model.typeFilter.addListener(o -> redrawNow());
        model.deviceFilter.addListener(o -> redrawNow());
        model.selected.addListener((o, a, b) -> {
            detail.setText(b == null ? "" : controller.describe(b));
            redrawNow();
        });
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private void click(double y) {
        int row = (int) ((y - HEADER) / ROW);
        int index = first + row;
        if (y >= HEADER && index >= 0 && index < shown.size()) {
            controller.select(shown.get(index));
        }
    }

    private void redrawNow() {
        drawnVersion = -1;
        rate.reset();
    }

    void draw(long now) {
        if (drawnVersion == model.version.get() || !rate.due(now)) {
            return;
        }
        drawnVersion = model.version.get();
        List<Arrow> visible;
        if (model.unfiltered()) { // the common case: a copy of the references, no test per arrow
            visible = new ArrayList<>(model.arrows);
        } else {
            visible = new ArrayList<>();
            for (Arrow a : model.arrows) {
                if (model.matches(a)) {
                    visible.add(a);
                }
            }
        }
        shown = visible;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        int rows = Math.max(1, (int) ((h - HEADER) / ROW));
        int maxFirst = Math.max(0, visible.size() - rows);
        drawing = true;
        scroll.setMax(maxFirst);
        scroll.setVisibleAmount(rows);
        if (follow) {
            scroll.setValue(maxFirst);
        } else if (anchorSeq >= 0) {
            // Scrolled back: the same arrows stay in view while new ones arrive and the oldest are dropped.
            scroll.setValue(Math.min(maxFirst, firstAtOrAfter(visible, anchorSeq)));
        }
        drawing = false;
        first = (int) Math.min(maxFirst, Math.round(scroll.getValue()));
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        int capacity = Math.max(2, (int) ((w - GUTTER - 10) / MIN_SPAN));
        List<String> lines = controller.chooseLifelines(capacity);
        java.util.Map<String, Integer> column = new java.util.HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            column.put(lines.get(i), i);
        }
        int othersColumn = column.getOrDefault(SequenceModel.OTHERS, -1);
        int grouped = model.lifelines.size() - (lines.size() - (othersColumn >= 0 ? 1 : 0));
        double span = (w - GUTTER - 10) / Math.max(1, lines.size());
        drawnLines = lines;
        drawnSpan = span;
        g.setFont(Font.font("System", 11));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < lines.size(); i++) {
            double x = GUTTER + span * (i + 0.5);
            g.setStroke(Color.web("#30363d"));
            g.setLineWidth(1);
            if (i == othersColumn) {
                g.setLineDashes(3, 3);
            }
            g.strokeLine(x, HEADER, x, h);
            g.setLineDashes();
            String name = lines.get(i);
            boolean pinned = model.pinned.contains(name);
            g.setFill(i == othersColumn ? Color.web("#8b949e") : pinned ? Color.web("#e3b341") : Color.web("#e6edf3"));
            String label = i == othersColumn ? grouped + " others" : pinned ? "★" + name : name;
            g.fillText(label, x, HEADER / 2, Math.max(20, span - 4));
        }
        g.setFont(Font.font("Monospaced", 10));
        for (int r = 0; r < rows && first + r < visible.size(); r++) {
            Arrow a = visible.get(first + r);
            double y = HEADER + r * ROW + ROW / 2;
            int fromIndex = column.getOrDefault(a.from(), othersColumn);
            int toIndex = column.getOrDefault(a.to(), othersColumn);
            if (fromIndex < 0 || toIndex < 0) {
                continue;
            }
            double x1 = GUTTER + span * (fromIndex + 0.5);
            double x2 = GUTTER + span * (toIndex + 0.5);
            boolean selected = a == model.selected.get();
            if (fromIndex == toIndex) { // a line the node refused: a red mark on its own lifeline
                g.setFill(Color.web("#8b949e"));
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(SequenceController.CLOCK.format(Instant.ofEpochSecond(0, a.sent())), 4, y);
                g.setFill(MessageColors.of("ERROR"));
                g.fillOval(x1 - (selected ? 6 : 4), y - (selected ? 6 : 4), selected ? 12 : 8, selected ? 12 : 8);
                g.fillText("✗ rejected", x1 + 8, y + 4);
                continue;
            }
            Color c = a.failed() ? MessageColors.of("ERROR") : MessageColors.of(a.type());
            g.setFill(Color.web("#8b949e"));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(SequenceController.CLOCK.format(Instant.ofEpochSecond(0, a.sent())), 4, y);
            g.setStroke(c);
            g.setLineWidth(selected ? 3 : 1.5);
            if (a.failed()) {
                g.setLineDashes(4, 3);
            }
            g.strokeLine(x1, y, x2, y);
            g.setLineDashes();
            double dir = Math.signum(x2 - x1);
            g.setFill(c);
            g.fillPolygon(new double[]{x2, x2 - 7 * dir, x2 - 7 * dir}, new double[]{y, y - 4, y + 4}, 3);
            g.setTextAlign(TextAlignment.CENTER);
            if (Math.abs(x2 - x1) > 90) {
                g.fillText(a.type() + (a.failed() ? " ✗" : ""), (x1 + x2) / 2, y - 6);
            }
        }
    }

    /** The first index in {@code arrows} (ordered by number) of an arrow numbered {@code seq} or later. */
    static int firstAtOrAfter(List<Arrow> arrows, long seq) {
        int lo = 0;
        int hi = arrows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (arrows.get(mid).seq() < seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The width the chart was last drawn at. */
    double drawnWidth() {
        return canvas.getWidth();
    }

    /** The lifelines drawn last, left to right. */
    List<String> drawnLifelines() {
        return drawnLines;
    }

    /** The arrow at the top of the chart, or null. */
    Arrow firstShown() {
        return first >= 0 && first < shown.size() ? shown.get(first) : null;
    }

    /** Scrolls to show arrow {@code index} of the filtered history at the top (as the scroll bar does). */
    void scrollTo(int index) {
        scroll.setValue(index);
    }
}
