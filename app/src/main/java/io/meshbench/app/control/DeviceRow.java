package io.meshbench.app.control;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** A device in the mesh control list. */
final class DeviceRow {
    final String id;
    final StringProperty kind = new SimpleStringProperty("?");
    final StringProperty state = new SimpleStringProperty("up");

    DeviceRow(String id) {
        this.id = id;
    }
}
