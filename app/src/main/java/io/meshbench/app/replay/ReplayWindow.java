package io.meshbench.app.replay;

import io.meshbench.app.shell.Shell;
import io.meshbench.app.shell.ViewExport;
import io.meshbench.app.views.MeshViews;
import io.meshbench.app.views.Speed;
import io.meshbench.record.Recording;
import javafx.animation.AnimationTimer;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * A recording in the window, with a timeline: play, pause, step message by message (forwards and
 * back), speed, and seek with the slider; every view shows the mesh as it was at that moment. A
 * recording cut short opens up to its last whole event, with a notice saying so. The timeline's logic
 * is {@link ReplayController}, what it shows {@link ReplayModel}, how {@link ReplayView}; the menus and
 * keys come from the {@link Shell}.
 */
public final class ReplayWindow {

    private final ReplayModel model = new ReplayModel();
    private final ReplayController controller;
    private final Stage stage;
    private final Shell shell;
    private final AnimationTimer timer;

    private ReplayWindow(Recording recording) {
        controller = new ReplayController(recording, model);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                controller.onFrame(now);
            }
        };
        shell = Shell.window("MeshBench — replay " + recording.file().getFileName(),
                ReplayView.create(model, controller.views(), controller));
        stage = shell.stage();
        stage.setOnHidden(e -> timer.stop());
        shell.key(new KeyCodeCombination(KeyCode.SPACE, KeyCombination.SHORTCUT_DOWN), "play or pause", this::onPlay);
        shell.key(new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.SHORTCUT_DOWN), "on one message", this::onStep);
        shell.key(new KeyCodeCombination(KeyCode.LEFT, KeyCombination.SHORTCUT_DOWN), "back one message", this::onStepBack);
        shell.key(new KeyCodeCombination(KeyCode.HOME, KeyCombination.SHORTCUT_DOWN), "to the start", this::onStart);
        shell.key(new KeyCodeCombination(KeyCode.END, KeyCombination.SHORTCUT_DOWN), "to the end", this::onEnd);
        // the views are rebuilt on a seek back: export what is shown then
        shell.fileItems(ViewExport.items(shell, controller.views().exportable(),
                out -> controller.views().auctions().writeCsv(out)));
        shell.show();
        timer.start();
    }

    /** Opens a window on a recording read whole. On the FX thread. */
    public static ReplayWindow open(Recording recording) {
        return new ReplayWindow(recording);
    }

    public void onPlay() {
        controller.onPlay();
    }

    public void onStep() {
        controller.onStep();
    }

    public void onStepBack() {
        controller.onStepBack();
    }

    public void onStart() {
        controller.onStart();
    }

    public void onEnd() {
        controller.onEnd();
    }

    /** Seeks to {@code events} events shown. */
    public void seek(int events) {
        controller.seek(events);
    }

    public void setSpeed(Speed value) {
        model.speed.set(value);
    }

    /** The window's shell: its menus and keys. */
    public Shell shell() {
        return shell;
    }

    public Stage stage() {
        return stage;
    }

    public MeshViews views() {
        return controller.views();
    }

    public Timeline timeline() {
        return controller.timeline();
    }

    public String noticeText() {
        return model.notice.get();
    }

    public String positionText() {
        return model.position.get();
    }

    /** How long the last jump took, in nanoseconds; -1 before the first. */
    public long lastJumpNanos() {
        return controller.lastJumpNanos();
    }

    /** How often the views were rebuilt from the start (seeks backwards). */
    public long rebuilds() {
        return controller.rebuilds();
    }
}
