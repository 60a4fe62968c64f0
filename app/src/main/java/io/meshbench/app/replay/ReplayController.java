package io.meshbench.app.replay;

import io.meshbench.app.views.MeshViews;
import io.meshbench.event.MeshEvent;
import io.meshbench.record.Recording;

import java.util.List;
import java.util.Locale;

/**
 * A recording's timeline in the window: play, pause, step (forwards and back), speed and seek, and
 * the mesh's views brought to each point: fed the events on the way forwards, rebuilt from the
 * recording's start (through the {@link RebuildFilter}) to go back or far ahead.
 */
final class ReplayController {

    /** A forward move of more events than this is a jump: its messages are not flown across the graph. */
    private static final int ANIMATE_AT_MOST = 400;
    /** A forward jump longer than this is cheaper as a rebuild from the filtered start. */
    private static final int REBUILD_PAST = 50_000;

    private final Timeline timeline;
    private final RebuildFilter filter;
    private final MeshViews views;
    private final ReplayModel model;
    private long frameNow;
    /** Where the slider was moved to since the last frame, or NaN. */
    private double pendingSeek = Double.NaN;
    private int shownPosition = -1;
    private long rebuilds;
    /** How long the last jump (a seek, or a step back) took to bring the views there. */
    private long lastJumpNanos = -1;

    ReplayController(Recording recording, ReplayModel model) {
        this.model = model;
        this.timeline = new Timeline(recording.events(), System.nanoTime());
        this.filter = new RebuildFilter(timeline.events());
        RecordedMesh mesh = RecordedMesh.of(recording.events());
        this.views = new MeshViews(mesh.devices(), mesh.orchestratorId(),
                "No auctions yet at this point of the recording: press Play (Ctrl+Space) or Step (Ctrl+→)",
                RebuildFilter.HISTORY);
        String notice = recording.truncation().map(t -> "⚠ " + t + ".").orElse("");
        if (!recording.warnings().isEmpty()) {
            notice = (notice + "\n⚠ " + String.join("\n⚠ ", recording.warnings())).strip();
        }
        model.notice.set(notice);
        model.status.set(String.format(Locale.ROOT, "%s · %,d events · %,d messages · %.3f s recorded · made by %s",
                recording.file(), timeline.size(), timeline.messages(), (timeline.endTime() - timeline.startTime()) / 1e9,
                recording.header().metadata().getOrDefault("command", "an unknown command")));
        model.speed.addListener((o, was, now) -> {
            if (now != null) {
                timeline.setSpeed(now, System.nanoTime());
            }
        });
        refresh();
    }

    MeshViews views() {
        return views;
    }

    Timeline timeline() {
        return timeline;
    }

    long rebuilds() {
        return rebuilds;
    }

    long lastJumpNanos() {
        return lastJumpNanos;
    }

    /** One frame: a pending seek, the timeline's events due by now, the views drawn. */
    void onFrame(long now) {
        frameNow = now;
        if (!Double.isNaN(pendingSeek)) {
            apply(timeline.seekFraction(pendingSeek));
            pendingSeek = Double.NaN;
        }
        apply(timeline.tick(now));
        views.onFrame(now);
        refresh();
    }

    /** The slider moved (by the user): pause, and seek there at the next frame. */
    void seekFraction(double fraction) {
        timeline.pause();
        pendingSeek = fraction;
    }

    void onPlay() {
        if (timeline.playing()) {
            timeline.pause();
        } else {
            apply(timeline.play(System.nanoTime()));
        }
        refresh();
    }

    void onStep() {
        apply(timeline.stepForward());
        refresh();
    }

    void onStepBack() {
        apply(timeline.stepBack());
        refresh();
    }

    void onStart() {
        timeline.pause();
        apply(timeline.seek(0));
        refresh();
    }

    void onEnd() {
        timeline.pause();
        apply(timeline.seek(timeline.size()));
        refresh();
    }

    void seek(int events) {
        timeline.pause();
        apply(timeline.seek(events));
        refresh();
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
        model.playLabel.set(timeline.playing() ? "❚❚ Pause" : "▶ Play");
        if (timeline.position() == shownPosition) {
            return;
        }
        shownPosition = timeline.position();
        model.fraction.set(timeline.fraction());
        model.position.set(String.format(Locale.ROOT, "event %,d of %,d · t = %.3f s of %.3f s%s", timeline.position(),
                timeline.size(), (timeline.time() - timeline.startTime()) / 1e9,
                (timeline.endTime() - timeline.startTime()) / 1e9,
                lastJumpNanos < 0 ? "" : String.format(Locale.ROOT, " · last jump %.0f ms", lastJumpNanos / 1e6)));
        model.details.set(around());
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
}
