package io.meshbench.app.control;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** A device in the mesh control list. */
final class DeviceRow {
    final String id;
    final StringProperty kind = new SimpleStringProperty("?");
    final StringProperty state = new SimpleStringProperty("up");
    /** How the orchestrator's link to it is protected, once heard from: TLS 1.3, HMAC or plaintext. */
    final StringProperty link = new SimpleStringProperty("–");

    DeviceRow(String id) {
        this.id = id;
    }
}
