package io.meshbench.app.replay;

import io.meshbench.app.views.MeshViews;
import io.meshbench.app.views.PlaybackLayout;
import io.meshbench.app.views.Speed;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The replay window's content: the timeline bar, the mesh's views, the last events and the status line. */
final class ReplayView {

    private ReplayView() {
    }

    static Parent create(ReplayModel model, MeshViews views, ReplayController controller) {
        Button start = button("|◀ Start", "replay-start", "To the start (Ctrl+Home)", controller::onStart);
        Button back = button("◀ Step", "replay-back", "Back one message (Ctrl+Left)", controller::onStepBack);
        Button play = button("▶ Play", "replay-play", "Play or pause (Ctrl+Space)", controller::onPlay);
        play.textProperty().bind(model.playLabel);
        Button step = button("Step ▶", "replay-step", "On one message (Ctrl+Right)", controller::onStep);
        Button end = button("End ▶|", "replay-end", "To the end (Ctrl+End)", controller::onEnd);
        ComboBox<Speed> speed = new ComboBox<>();
        speed.setId("replay-speed");
        speed.getItems().setAll(Speed.CHOICES);
        speed.valueProperty().bindBidirectional(model.speed);
        speed.setTooltip(new Tooltip("Recorded time per wall-clock time"));
        Slider slider = new Slider(0, 1, 0);
        slider.setId("replay-slider");
        slider.setTooltip(new Tooltip("Drag to any point of the recording"));
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMinWidth(120);
        boolean[] following = {false};
        model.fraction.addListener((o, was, now) -> {
            following[0] = true;
            slider.setValue(now.doubleValue());
            following[0] = false;
        });
        // A drag moves the slider many times a frame: the controller seeks once a frame, to where it is then.
        slider.valueProperty().addListener((o, was, now) -> {
            if (!following[0]) {
                controller.seekFraction(now.doubleValue());
            }
        });
        Label position = new Label();
        position.setId("replay-position");
        position.textProperty().bind(model.position);
        position.setMinWidth(Label.USE_PREF_SIZE);
        Label speedLabel = new Label("Speed");
        speedLabel.setMinWidth(Label.USE_PREF_SIZE);
        HBox buttons = new HBox(8, start, back, play, step, end, speedLabel, speed, slider);
        buttons.setAlignment(Pos.CENTER_LEFT);
        // the position under the buttons: at 1280×720 a row of both would cut it
        VBox bar = new VBox(4, buttons, position);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("playback-bar");
        Label notice = new Label();
        notice.setId("replay-notice");
        notice.setWrapText(true);
        notice.getStyleClass().add("warning");
        notice.textProperty().bind(model.notice);
        notice.managedProperty().bind(model.notice.isNotEmpty());
        TextArea details = new TextArea();
        details.setId("replay-details");
        details.setEditable(false);
        details.setStyle("-fx-font-family: monospace;");
        details.textProperty().bind(model.details);
        VBox.setVgrow(details, Priority.ALWAYS);
        VBox side = new VBox(8, notice, details);
        side.setPadding(new Insets(6));
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.getStyleClass().add("text-muted");
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(3, 10, 3, 10));
        return PlaybackLayout.build(bar, views, "Recording", side, statusBar);
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setMinWidth(Button.USE_PREF_SIZE);
        return b;
    }
}
