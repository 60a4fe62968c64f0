package io.meshbench.app.scenario;

import io.meshbench.app.views.MeshViews;
import io.meshbench.app.views.PlaybackLayout;
import io.meshbench.app.views.Speed;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The scenario window's content: the run bar, the mesh's views, the summary and the status line. */
final class ScenarioView {

    private ScenarioView() {
    }

    /** The window of a scenario that can run. */
    static Parent run(ScenarioModel model, MeshViews views, Runnable onRun) {
        Button run = new Button();
        run.setId("scenario-run");
        run.setDefaultButton(true);
        run.textProperty().bind(model.runLabel);
        run.disableProperty().bind(model.runDisabled);
        run.setOnAction(e -> onRun.run());
        run.setTooltip(new Tooltip("Run, pause or resume the scenario; once finished, run it again (Ctrl+Space)"));
        ComboBox<Speed> speed = new ComboBox<>();
        speed.setId("scenario-speed");
        speed.getItems().setAll(Speed.CHOICES);
        speed.valueProperty().bindBidirectional(model.speed);
        speed.disableProperty().bind(model.speedFixed);
        speed.setTooltip(new Tooltip("Virtual time per wall-clock time (a live scenario runs in wall-clock time)"));
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(model.progress);
        progress.setPrefWidth(220);
        Label clock = new Label();
        clock.setId("scenario-clock");
        clock.textProperty().bind(model.clock);
        Label state = new Label();
        state.setId("scenario-state");
        state.textProperty().bind(model.state);
        model.stateStyle.addListener((o, was, now) -> {
            state.getStyleClass().removeAll("success", "danger");
            if (!now.isEmpty()) {
                state.getStyleClass().add(now);
            }
        });
        Label speedLabel = new Label("Speed");
        speedLabel.setMinWidth(Label.USE_PREF_SIZE);
        FlowPane bar = new FlowPane(10, 4, run, speedLabel, speed, progress, clock, state);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("playback-bar");
        TextArea summary = new TextArea();
        summary.setId("scenario-summary");
        summary.setEditable(false);
        summary.setWrapText(false);
        summary.setStyle("-fx-font-family: monospace;");
        summary.textProperty().bind(model.summary);
        VBox.setVgrow(summary, Priority.ALWAYS);
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.getStyleClass().add("text-muted");
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(3, 10, 3, 10));
        return PlaybackLayout.build(bar, views, "Scenario", new VBox(summary), statusBar);
    }

    /** The window of a file that cannot be run: where and what is wrong, and what to do. */
    static Parent error(ScenarioModel model) {
        Label error = new Label();
        error.setId("scenario-error");
        error.textProperty().bind(model.error);
        error.setWrapText(true);
        error.getStyleClass().add("danger");
        Label hint = new Label("Fix the file and open it again (File ▸ Open scenario…, Ctrl+O); "
                + "scenarios/README.md describes the format.");
        hint.setWrapText(true);
        VBox box = new VBox(12, new Label("This scenario cannot be run:"), error, hint);
        box.setPadding(new Insets(24));
        return new BorderPane(box);
    }
}
