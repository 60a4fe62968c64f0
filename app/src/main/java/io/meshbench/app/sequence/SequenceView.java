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
        HBox bar = new HBox(8, new Label("Type"), type, new Label("Device"), device, task, all);
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
        canvas.widthProperty().addListener(o -> redrawNow());
        canvas.heightProperty().addListener(o -> redrawNow());
        canvas.setOnMouseClicked(e -> click(e.getY()));
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.valueProperty().addListener((o, a, b) -> {
            if (!drawing) {
                follow = b.doubleValue() >= scroll.getMax() - 0.5;
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
        List<Arrow> visible = new ArrayList<>();
        for (Arrow a : model.arrows) {
            if (model.matches(a)) {
                visible.add(a);
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
        }
        drawing = false;
        first = (int) Math.min(maxFirst, Math.round(scroll.getValue()));
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        List<String> lines = lifelines();
        double span = (w - GUTTER - 10) / Math.max(1, lines.size());
        g.setFont(Font.font("System", lines.size() > 20 ? 9 : 11));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < lines.size(); i++) {
            double x = GUTTER + span * (i + 0.5);
            g.setStroke(Color.web("#30363d"));
            g.setLineWidth(1);
            g.strokeLine(x, HEADER, x, h);
            g.setFill(Color.web("#e6edf3"));
            if (lines.size() <= 20 || i % Math.max(1, lines.size() / 20) == 0) {
                g.fillText(lines.get(i), x, HEADER / 2, Math.max(20, span * (lines.size() > 20 ? 4 : 1) - 4));
            }
        }
        g.setFont(Font.font("Monospaced", 10));
        for (int r = 0; r < rows && first + r < visible.size(); r++) {
            Arrow a = visible.get(first + r);
            double y = HEADER + r * ROW + ROW / 2;
            int fromIndex = lines.indexOf(a.from());
            int toIndex = lines.indexOf(a.to());
            if (fromIndex < 0 || toIndex < 0) {
                continue;
            }
            double x1 = GUTTER + span * (fromIndex + 0.5);
            double x2 = GUTTER + span * (toIndex + 0.5);
            boolean selected = a == model.selected.get();
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

    private List<String> lifelines() {
        String device = model.deviceFilter.get();
        if (device == null || device.equals(SequenceModel.ALL) || model.lifelines.size() <= 12) {
            return model.lifelines;
        }
        // One device among many: its lifeline and those it talks to.
        List<String> lines = new ArrayList<>();
        for (Arrow a : shown) {
            if (!lines.contains(a.from())) lines.add(a.from());
            if (!lines.contains(a.to())) lines.add(a.to());
        }
        return lines.isEmpty() ? List.of(device) : lines;
    }
}
