package io.meshbench.app.replay;

import io.meshbench.app.views.MeshViews;
import io.meshbench.app.views.PlaybackLayout;
import io.meshbench.app.shell.Shell;
import io.meshbench.app.shell.ViewExport;
import io.meshbench.app.views.Speed;
import io.meshbench.event.MeshEvent;
import io.meshbench.record.Recording;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.List;
import java.util.Locale;

/**
 * A recording in the window, with a timeline: play, pause, step message by message (forwards and
 * back), speed, and seek with the slider; every view shows the mesh as it was at that moment. A
 * recording cut short opens up to its last whole event, with a notice saying so.
 */
public final class ReplayWindow {

    /** A forward move of more events than this is a jump: its messages are not flown across the graph. */
    private static final int ANIMATE_AT_MOST = 400;
    /** A forward jump longer than this is cheaper as a rebuild from the filtered start. */
    private static final int REBUILD_PAST = 50_000;

    private final Recording recording;
    private final Timeline timeline;
    private final RebuildFilter filter;
    private final MeshViews views;
    private final Stage stage;
    private final Shell shell;
    private final Button play = button("▶ Play", "replay-play", "Play or pause (Ctrl+Space)");
    private final ComboBox<Speed> speed = new ComboBox<>();
    private final Slider slider = new Slider(0, 1, 0);
    private final Label position = new Label();
    private final Label notice = new Label();
    private final TextArea details = new TextArea();
    private final AnimationTimer timer;
    private long frameNow;
    private boolean movingSlider;
    /** Where the slider was moved to since the last frame, or NaN. */
    private double pendingSeek = Double.NaN;
    private int shownPosition = -1;
    private long rebuilds;
    /** How long the last jump (a seek, or a step back) took to bring the views there. */
    private long lastJumpNanos = -1;

    private ReplayWindow(Recording recording) {
        this.recording = recording;
        this.timeline = new Timeline(recording.events(), System.nanoTime());
        this.filter = new RebuildFilter(timeline.events());
        RecordedMesh mesh = RecordedMesh.of(recording.events());
        this.views = new MeshViews(mesh.devices(), mesh.orchestratorId(),
                "No auctions yet at this point of the recording: press Play (Ctrl+Space) or Step (Ctrl+→)",
                RebuildFilter.HISTORY);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frameNow = now;
                if (!Double.isNaN(pendingSeek)) {
                    apply(timeline.seekFraction(pendingSeek));
                    pendingSeek = Double.NaN;
                }
                apply(timeline.tick(now));
                views.onFrame(now);
                refresh();
            }
        };
        shell = Shell.window("MeshBench — replay " + recording.file().getFileName(), layout());
        stage = shell.stage();
        stage.setOnHidden(e -> timer.stop());
        shell.key(new KeyCodeCombination(KeyCode.SPACE, KeyCombination.SHORTCUT_DOWN), "play or pause", this::onPlay);
        shell.key(new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.SHORTCUT_DOWN), "on one message", this::onStep);
        shell.key(new KeyCodeCombination(KeyCode.LEFT, KeyCombination.SHORTCUT_DOWN), "back one message", this::onStepBack);
        shell.key(new KeyCodeCombination(KeyCode.HOME, KeyCombination.SHORTCUT_DOWN), "to the start", this::onStart);
        shell.key(new KeyCodeCombination(KeyCode.END, KeyCombination.SHORTCUT_DOWN), "to the end", this::onEnd);
        shell.fileItems(ViewExport.items(shell, views.exportable(), views.auctions()::writeCsv));
        shell.show();
        timer.start();
    }

    /** Opens a window on a recording read whole. On the FX thread. */
    public static ReplayWindow open(Recording recording) {
        return new ReplayWindow(recording);
    }

    private Parent layout() {
        Button start = button("|◀ Start", "replay-start", "To the start (Ctrl+Home)");
        start.setOnAction(e -> onStart());
        Button back = button("◀ Step", "replay-back", "Back one message (Ctrl+Left)");
        back.setOnAction(e -> onStepBack());
        play.setOnAction(e -> onPlay());
        Button step = button("Step ▶", "replay-step", "On one message (Ctrl+Right)");
        step.setOnAction(e -> onStep());
        Button end = button("End ▶|", "replay-end", "To the end (Ctrl+End)");
        end.setOnAction(e -> onEnd());
        speed.setId("replay-speed");
        speed.getItems().setAll(Speed.CHOICES);
        speed.setValue(Speed.REAL_TIME);
        speed.valueProperty().addListener((o, was, now) -> timeline.setSpeed(now, System.nanoTime()));
        slider.setId("replay-slider");
        HBox.setHgrow(slider, Priority.ALWAYS);
        // A drag moves the slider many times a frame: the frame seeks once, to where it is then.
        slider.valueProperty().addListener((o, was, now) -> {
            if (!movingSlider) {
                timeline.pause();
                pendingSeek = now.doubleValue();
            }
        });
        position.setId("replay-position");
        position.setMinWidth(380);
        HBox bar = new HBox(8, start, back, play, step, end, new Label("Speed"), speed, slider, position);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("playback-bar");
        notice.setId("replay-notice");
        notice.setWrapText(true);
        notice.getStyleClass().add("warning");
        recording.truncation().ifPresent(t -> notice.setText("⚠ " + t + "."));
        if (!recording.warnings().isEmpty()) {
            notice.setText((notice.getText() + "\n⚠ " + String.join("\n⚠ ", recording.warnings())).strip());
        }
        notice.setManaged(!notice.getText().isEmpty());
        details.setId("replay-details");
        details.setEditable(false);
        details.setStyle("-fx-font-family: monospace;");
        VBox.setVgrow(details, Priority.ALWAYS);
        VBox side = new VBox(8, notice, details);
        side.setPadding(new Insets(6));
        Label status = new Label(String.format(Locale.ROOT, "%s · %,d events · %,d messages · %.3f s recorded · made by %s",
                recording.file(), timeline.size(), timeline.messages(), (timeline.endTime() - timeline.startTime()) / 1e9,
                recording.header().metadata().getOrDefault("command", "an unknown command")));
        status.getStyleClass().add("text-muted");
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(3, 10, 3, 10));
        return PlaybackLayout.build(bar, views, "Recording",
                side, statusBar);
    }

    private static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new javafx.scene.control.Tooltip(tip));
        return b;
    }

    public void onPlay() {
        if (timeline.playing()) {
            timeline.pause();
        } else {
            apply(timeline.play(System.nanoTime()));
        }
        refresh();
    }

    public void onStep() {
        apply(timeline.stepForward());
        refresh();
    }

    public void onStepBack() {
        apply(timeline.stepBack());
        refresh();
    }

    public void onStart() {
        timeline.pause();
        apply(timeline.seek(0));
        refresh();
    }

    public void onEnd() {
        timeline.pause();
        apply(timeline.seek(timeline.size()));
        refresh();
    }

    /** Seeks to {@code events} events shown. */
    public void seek(int events) {
        timeline.pause();
        apply(timeline.seek(events));
        refresh();
    }

    public void setSpeed(Speed value) {
        speed.setValue(value);
    }

    private void apply(Timeline.Move move) {
        if (move.empty()) {
            return;
        }
        List<MeshEvent> events = timeline.events();
        long now = frameNow == 0 ? System.nanoTime() : frameNow;
        long started = System.nanoTime();
        boolean jump = move.rebuild() || move.to() - move.from() > ANIMATE_AT_MOST;
        if (move.rebuild() || move.to() - move.from() > REBUILD_PAST) {
            rebuilds++;
            views.rebuild(filter.prefix(move.to()), now);
        } else {
            views.feed(events.subList(move.from(), move.to()), now, !jump);
        }
        if (jump && !timeline.playing()) { // a seek or a step back: what a user waits for
            lastJumpNanos = System.nanoTime() - started;
        }
    }

    private void refresh() {
        play.setText(timeline.playing() ? "❚❚ Pause" : "▶ Play");
        if (timeline.position() == shownPosition) {
            return;
        }
        shownPosition = timeline.position();
        movingSlider = true;
        slider.setValue(timeline.fraction());
        movingSlider = false;
        position.setText(String.format(Locale.ROOT, "event %,d of %,d · t = %.3f s of %.3f s%s", timeline.position(),
                timeline.size(), (timeline.time() - timeline.startTime()) / 1e9,
                (timeline.endTime() - timeline.startTime()) / 1e9,
                lastJumpNanos < 0 ? "" : String.format(Locale.ROOT, " · last jump %.0f ms", lastJumpNanos / 1e6)));
        details.setText(around());
    }

    /** The last events shown, newest last: what just happened. */
    private String around() {
        StringBuilder out = new StringBuilder("Last events shown, newest last\n(seconds from the start, node, event):\n\n");
        int from = Math.max(0, timeline.position() - 12);
        for (int i = from; i < timeline.position(); i++) {
            out.append(EventLine.of(timeline.events().get(i), timeline.startTime())).append('\n');
        }
        if (timeline.position() == 0) {
            out.append("(none yet: press Play or Step)\n");
        }
        return out.toString();
    }

    /** The window's shell: its menus and keys. */
    public Shell shell() {
        return shell;
    }

    public Stage stage() {
        return stage;
    }

    public MeshViews views() {
        return views;
    }

    public Timeline timeline() {
        return timeline;
    }

    public String noticeText() {
        return notice.getText();
    }

    public String positionText() {
        return position.getText();
    }

    /** How long the last jump took, in nanoseconds; -1 before the first. */
    public long lastJumpNanos() {
        return lastJumpNanos;
    }

    /** How often the views were rebuilt from the start (seeks backwards). */
    public long rebuilds() {
        return rebuilds;
    }
}
