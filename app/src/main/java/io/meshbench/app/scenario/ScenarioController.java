package io.meshbench.app.scenario;

import io.meshbench.app.bridge.EventBatcher;
import io.meshbench.app.views.MeshViews;
import io.meshbench.app.views.Speed;
import io.meshbench.event.EventBus;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.record.RecordingWriter;
import io.meshbench.scenario.RunOutcome;
import io.meshbench.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A scenario's run in the window: starts, pauses and resumes it, runs it again once finished (a new
 * mesh from the same file and seed, the views emptied), records it, and puts what it does into the
 * model each frame. Its events reach the mesh's views through an event batcher drained every frame.
 */
final class ScenarioController implements AutoCloseable {

    private final Path file;
    private final Scenario scenario;
    private final ScenarioModel model;
    private final Executor ui;
    private final MeshViews views;
    private ScenarioSession session;
    private EventBatcher batcher;
    private AutoCloseable recording;
    private long frame;
    private long lastStatus;
    private long lastReceived;

    /** @param ui runs an action on the UI thread (the run's end arrives on another) */
    ScenarioController(Path file, Scenario scenario, ScenarioModel model, Executor ui) {
        this.file = file;
        this.scenario = scenario;
        this.model = model;
        this.ui = ui;
        this.session = newSession();
        this.views = new MeshViews(session.devices(), session.orchestratorId(),
                "No auctions yet: press Run (Ctrl+Space) and the scenario's workload starts them");
        attachBatcher();
        model.summary.set(describe(scenario));
        model.speedFixed.set(!session.pausable());
        model.speed.addListener((o, was, now) -> {
            if (now != null) {
                session.setSpeed(now);
            }
        });
    }

    private ScenarioSession newSession() {
        return new ScenarioSession(scenario, PluginRegistry.fromClassPath(), new EventBus(),
                () -> batcher != null && batcher.queued() > ScenarioWindow.BACKLOG);
    }

    private void attachBatcher() {
        batcher = new EventBatcher(session.bus(), 200_000);
        batcher.addView(batch -> views.feed(batch, frame, true));
    }

    MeshViews views() {
        return views;
    }

    ScenarioSession session() {
        return session;
    }

    /** Run, pause or resume, as the button says; once finished, run again from the start. */
    void onRun() {
        if (session.outcome().isDone()) {
            resetForRerun();
        }
        if (!session.started()) {
            try {
                session.start(model.speed.get());
            } catch (RuntimeException e) {
                // A plugin the scenario names cannot be made: say which and why, never a stack trace.
                model.state.set("cannot run");
                model.summary.set("This scenario cannot run:\n\n" + io.meshbench.app.shell.Shell.describe(file, e));
                return;
            }
            ScenarioSession started = session;
            session.outcome().whenComplete((outcome, failure) -> ui.execute(() -> {
                if (started == session) {
                    finished(outcome, failure);
                }
            }));
        } else if (session.paused()) {
            session.resume();
        } else {
            session.pause();
        }
    }

    private void resetForRerun() {
        session.close();
        closeBatcher();
        session = newSession();
        attachBatcher();
        views.rebuild(List.of(), frame);
        model.stateStyle.set("");
        model.state.set("ready: run again");
        model.summary.set(describe(scenario));
        lastReceived = 0;
    }

    private void finished(RunOutcome outcome, Throwable failure) {
        if (failure != null) {
            model.state.set("stopped: " + (failure.getMessage() == null ? failure : failure.getMessage()));
            return;
        }
        model.summary.set(OutcomeText.of(outcome));
        model.state.set(outcome.passed() ? "finished: PASSED" : "finished: FAILED");
        model.stateStyle.set(outcome.passed() ? "success" : "danger");
    }

    /** One frame: the events that came, the views drawn, the bar and the status line brought up to date. */
    void onFrame(long now) {
        frame = now;
        batcher.drain();
        views.onFrame(now);
        boolean done = session.outcome().isDone();
        model.runLabel.set(!session.started() ? "▶ Run" : done ? "↻ Run again" : session.paused() ? "▶ Resume" : "❚❚ Pause");
        model.runDisabled.set(!done && session.started() && !session.pausable());
        model.progress.set(session.progress());
        long virtual = session.virtualNanos();
        long end = scenario.duration().toNanos();
        model.clock.set(virtual < 0 ? String.format(Locale.ROOT, "%.0f%% of %s (live, wall-clock)",
                session.progress() * 100, human(scenario.duration()))
                : String.format(Locale.ROOT, "t = %.1f s of %.0f s", virtual / 1e9, end / 1e9));
        if (!done && session.started()) {
            model.state.set(session.paused() ? "paused" : session.behind()
                    ? "running behind: the mesh cannot keep up at " + session.speed() : "running at " + session.speed());
        }
        if (now - lastStatus > 500_000_000L) {
            double seconds = lastStatus == 0 ? 1 : (now - lastStatus) / 1e9;
            long received = batcher.received();
            model.status.set(String.format(Locale.ROOT, "%s · %,d devices · %,.0f events/s · %,d events waiting%s",
                    file, session.devices().size() - 1, (received - lastReceived) / seconds, batcher.queued(),
                    batcher.dropped() == 0 ? "" : " · " + batcher.dropped() + " dropped"));
            lastReceived = received;
            lastStatus = now;
        }
    }

    static String describe(Scenario s) {
        return s.name() + (s.description() == null || s.description().isBlank() ? "" : "\n" + s.description())
                + String.format(Locale.ROOT, "%n%nmode %s, seed %d, strategy %s, duration %s%n%d device group%s, "
                                + "%d fault%s, %d expectation%s%n%nThe summary and the expectations appear here when the run ends.",
                s.mode().name().toLowerCase(Locale.ROOT), s.seed(), s.orchestrator().strategy(), human(s.duration()),
                s.devices().size(), s.devices().size() == 1 ? "" : "s", s.faults().size(), s.faults().size() == 1 ? "" : "s",
                s.expectations().size(), s.expectations().size() == 1 ? "" : "s");
    }

    /** {@code 5m}, {@code 90s}, {@code 1h}: as a scenario file writes it. */
    static String human(java.time.Duration d) {
        long s = d.toSeconds();
        return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : s % 3600 == 0 && s > 0 ? s / 3600 + "h"
                : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    /** Records the run to {@code out} (JSON Lines), from its first event to its end or the window's closing. */
    void recordTo(Path out) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("command", "scenario open");
        metadata.put("scenario", scenario.name());
        metadata.put("file", file.toString());
        metadata.put("seed", String.valueOf(scenario.seed()));
        metadata.put("strategy", scenario.orchestrator().strategy());
        metadata.put("mode", scenario.mode().name().toLowerCase(Locale.ROOT));
        metadata.put("meshbench", "0.1.0");
        RecordingWriter writer = RecordingWriter.open(out, metadata, 256);
        AutoCloseable subscription = session.bus().subscribe(writer);
        recording = () -> {
            subscription.close();
            writer.close();
        };
        session.outcome().whenComplete((o, e) -> stopRecording());
    }

    private synchronized void stopRecording() {
        if (recording != null) {
            try {
                recording.close();
            } catch (Exception e) {
                System.err.println("meshbench: " + e.getMessage());
            }
            recording = null;
        }
    }

    private void closeBatcher() {
        try {
            batcher.close();
        } catch (Exception ignored) {
            // only a subscription handle
        }
    }

    @Override
    public void close() {
        session.close();
        stopRecording();
        closeBatcher();
    }
}
