package io.meshbench.app.status;

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
        for (Label l : new Label[]{left, right}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label keys = new Label("F1: keyboard shortcuts");
        keys.setMinWidth(Region.USE_PREF_SIZE);
        keys.getStyleClass().add("text-muted");
        getChildren().addAll(left, keys, right);
    }

    public StringProperty meshText() {
        return mesh;
    }

    public StringProperty windowText() {
        return window;
    }
}
