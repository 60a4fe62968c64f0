package io.meshbench.app.health;

import io.meshbench.event.PeerState;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.EnumMap;
import java.util.Locale;

/** One peer of the orchestrator, as the Health view shows it. */
final class HealthRow {
    final String peer;
    final StringProperty state = new SimpleStringProperty("up");
    final StringProperty since = new SimpleStringProperty("-");
    final StringProperty lastSeen = new SimpleStringProperty("-");
    final StringProperty rtt = new SimpleStringProperty("-");
    final StringProperty failures = new SimpleStringProperty("0");
    final StringProperty timeInStates = new SimpleStringProperty("");
    final StringProperty reason = new SimpleStringProperty("");

    PeerState current = PeerState.UP;
    long currentSince = -1;
    long lastHeard = -1;
    final EnumMap<PeerState, Long> timeIn = new EnumMap<>(PeerState.class);

    HealthRow(String peer) {
        this.peer = peer;
    }

    /** Refreshes the texts that depend on the clock. */
    void refresh(long now) {
        since.set(currentSince < 0 ? "-" : seconds(now - currentSince));
        lastSeen.set(lastHeard < 0 ? "-" : seconds(now - lastHeard) + " ago");
        long total = 0;
        EnumMap<PeerState, Long> times = new EnumMap<>(timeIn);
        if (currentSince >= 0) {
            times.merge(current, now - currentSince, Long::sum);
        }
        for (long t : times.values()) {
            total += t;
        }
        StringBuilder text = new StringBuilder();
        for (PeerState s : PeerState.values()) {
            long t = times.getOrDefault(s, 0L);
            if (t > 0 && total > 0) {
                text.append(text.isEmpty() ? "" : "  ").append(s.name().toLowerCase(Locale.ROOT)).append(' ')
                        .append(Math.round(100.0 * t / total)).append('%');
            }
        }
        timeInStates.set(text.toString());
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", Math.max(0, nanos) / 1e9);
    }
}
