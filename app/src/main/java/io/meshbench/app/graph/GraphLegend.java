package io.meshbench.app.graph;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;

/**
 * What every colour and mark of the mesh graph means, above it: the message types, the CPU-load
 * scale of the devices, the NPU ring, the winner and a device that is down.
 */
final class GraphLegend {

    private GraphLegend() {
    }

    static FlowPane create() {
        FlowPane legend = new FlowPane(12, 2);
        legend.setId("graph-legend");
        legend.getStyleClass().add("graph-legend");
        legend.setPadding(new Insets(4, 8, 4, 8));
        for (String type : MessageColors.TYPES) {
            Circle dot = new Circle(4.5, MessageColors.of(type));
            legend.getChildren().add(entry(type, dot, "a " + type + " message crossing its edge"));
        }
        Rectangle scale = new Rectangle(44, 9, new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE,
                new Stop(0, GraphView.loadColour(0)), new Stop(0.5, GraphView.loadColour(0.5)),
                new Stop(1, GraphView.loadColour(1))));
        legend.getChildren().add(entry("CPU load 0–100%", scale,
                "a device's fill (past 12 devices) or bars: green idle, amber busy, red saturated"));
        Circle npu = new Circle(5, Color.TRANSPARENT);
        npu.setStroke(GraphView.NPU);
        npu.setStrokeWidth(2);
        legend.getChildren().add(entry("NPU", npu, "a white ring (or badge) marks a device with an NPU"));
        Circle winner = new Circle(5, Color.TRANSPARENT);
        winner.setStroke(Color.web("#e3b341"));
        winner.setStrokeWidth(2.5);
        legend.getChildren().add(entry("latest winner", winner, "the device that won the latest auction"));
        Circle down = new Circle(4.5, Color.web("#8b949e", 0.5));
        legend.getChildren().add(entry("down", down, "killed, stopped or unreachable"));
        return legend;
    }

    private static HBox entry(String text, javafx.scene.Node swatch, String tip) {
        Label label = new Label(text);
        label.getStyleClass().add("legend-label");
        HBox box = new HBox(4, swatch, label);
        box.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(box, new Tooltip(tip));
        return box;
    }
}
