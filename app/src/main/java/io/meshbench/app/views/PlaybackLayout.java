package io.meshbench.app.views;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The layout of a scenario or replay window, as the live workbench's: the graph over the device
 * charts, the auctions over the sequence chart, and the run's own pane (controls, summary) on the
 * right; a menu and a control bar on top, a status line at the bottom.
 */
public final class PlaybackLayout {

    private PlaybackLayout() {
    }

    public static BorderPane build(Node controls, MeshViews views, String sideTitle, Node side, Node status) {
        BorderPane root = new BorderPane(panes(views, titled(sideTitle, side)));
        root.setTop(controls);
        root.setBottom(status);
        return root;
    }

    /**
     * The graph over the device charts, the auctions over the sequence chart, and the window's own
     * pane ({@code side}, titled already) on the right: the same in every window that shows a mesh.
     */
    public static SplitPane panes(MeshViews views, Node side) {
        SplitPane left = split(Orientation.VERTICAL, new double[]{0.64},
                titled("Mesh", views.graphView()), titled("Device charts", views.chartsView()));
        SplitPane middle = split(Orientation.VERTICAL, new double[]{0.52},
                titled("Auctions", views.auctionsView()), titled("Sequence chart", views.sequenceView()));
        return split(Orientation.HORIZONTAL, new double[]{0.37, 0.76}, left, middle, side);
    }

    public static SplitPane split(Orientation orientation, double[] dividers, Node... items) {
        SplitPane pane = new SplitPane(items);
        pane.setOrientation(orientation);
        pane.setDividerPositions(dividers);
        return pane;
    }

    public static Node titled(String title, Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        label.setMaxWidth(Double.MAX_VALUE);
        BorderPane pane = new BorderPane(content);
        pane.setTop(label);
        pane.getStyleClass().add("feature-pane");
        return pane;
    }
}
