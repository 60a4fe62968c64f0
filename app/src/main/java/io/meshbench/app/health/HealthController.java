package io.meshbench.app.health;

import io.meshbench.event.MeshEvent;
import io.meshbench.event.PeerState;
import javafx.scene.Node;

import java.util.List;
import java.util.Locale;

/**
 * The Health view: for each peer of the orchestrator, its state (up, suspect, down, rejoined), how
 * long it has been in it, when it was last heard from, its heartbeat round trip, how often it went
 * down, and the share of time in each state. Fed by the event stream ({@code PeerStateChanged},
 * and the messages the orchestrator receives); keeps no model of the mesh of its own.
 */
public final class HealthController {

    private final String orchestrator;
    private final HealthModel model = new HealthModel();
    private HealthView view;
    private long now;

    public HealthController(String orchestrator) {
        this.orchestrator = orchestrator;
    }

    public Node view() {
        if (view == null) {
            view = new HealthView(model);
        }
        return view;
    }

    /** A batch of events, on the JavaFX thread. */
    public void onEvents(List<MeshEvent> events) {
        for (MeshEvent event : events) {
            now = Math.max(now, event.time());
            switch (event) {
                case MeshEvent.PeerStateChanged e when e.node().equals(orchestrator) -> {
                    HealthRow row = model.row(e.peer());
                    if (row.currentSince >= 0) {
                        row.timeIn.merge(row.current, e.time() - row.currentSince, Long::sum);
                    }
                    row.current = e.state();
                    row.currentSince = e.time();
                    row.state.set(e.state().name().toLowerCase(Locale.ROOT));
                    row.reason.set(e.reason());
                    row.failures.set(Integer.toString(e.failures()));
                    if (e.rttNanos() >= 0) {
                        row.rtt.set(String.format(Locale.ROOT, "%.1f ms", e.rttNanos() / 1e6));
                    }
                }
                case MeshEvent.MessageReceived e when e.node().equals(orchestrator) -> {
                    HealthRow row = model.row(e.peer());
                    if (row.currentSince < 0) {
                        row.currentSince = e.time();
                        row.current = PeerState.UP;
                    }
                    row.lastHeard = e.time();
                }
                default -> {
                }
            }
        }
        model.rows.forEach(r -> r.refresh(now));
    }

    /** The rows, for tests: peer, state, failures. */
    List<HealthRow> rows() {
        return model.rows;
    }
}
