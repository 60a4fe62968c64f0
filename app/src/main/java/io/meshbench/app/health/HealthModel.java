package io.meshbench.app.health;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.Map;

/** The peers of the orchestrator and their health, in the order they were first seen. */
final class HealthModel {
    final ObservableList<HealthRow> rows = FXCollections.observableArrayList();
    final Map<String, HealthRow> byPeer = new HashMap<>();

    HealthRow row(String peer) {
        return byPeer.computeIfAbsent(peer, p -> {
            HealthRow row = new HealthRow(p);
            rows.add(row);
            return row;
        });
    }
}
