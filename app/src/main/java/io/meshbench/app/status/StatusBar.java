package io.meshbench.app.status;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The bottom line: what the mesh is doing, and how the window keeps up. */
public final class StatusBar extends javafx.scene.layout.FlowPane {

    private final StringProperty mesh = new SimpleStringProperty("");
    private final StringProperty window = new SimpleStringProperty("");
    private final Label keys;

    public StatusBar() {
        super(12, 2);
        // a flow: on a narrow window the window's numbers go under the mesh's line instead of being cut
        getStyleClass().add("status-bar");
        setPadding(new Insets(3, 10, 3, 10));
        setAlignment(Pos.CENTER_LEFT);
        Label left = new Label();
        left.setId("status-mesh");
        left.textProperty().bind(mesh);
        Label right = new Label();
        right.textProperty().bind(window);
        right.getStyleClass().add("text-muted");
        // Each line is as wide as its text up to the bar's width, and wraps past it: never cut, and never
        // wider than the window. (A line whose text set the bar's minimum width made the whole window's
        // content wider than a window at its minimum size, and every pane moved when the text changed.)
        DoubleBinding inside = Bindings.createDoubleBinding(
                () -> Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset()), widthProperty(), insetsProperty());
        for (Label l : new Label[]{left, right}) {
            l.setWrapText(true);
            l.setMinWidth(0);
            l.maxWidthProperty().bind(inside);
        }
        keys = new Label("F1: keyboard shortcuts");
        keys.setMinWidth(Region.USE_PREF_SIZE);
        keys.getStyleClass().add("text-muted");
        getChildren().addAll(left, keys, right);
    }

    /** As narrow as the shortcut hint: the lines wrap (a flow's own minimum is its widest line unwrapped). */
    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + keys.prefWidth(-1) + snappedRightInset();
    }

    public StringProperty meshText() {
        return mesh;
    }

    public StringProperty windowText() {
        return window;
    }
}
