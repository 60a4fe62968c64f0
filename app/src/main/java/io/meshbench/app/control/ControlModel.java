package io.meshbench.app.control;

import io.meshbench.live.DeviceProfile;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The devices that can be controlled, the profile to add, the strategy, and the last outcome. */
final class ControlModel {
    final ObservableList<DeviceRow> devices = FXCollections.observableArrayList();
    final ObjectProperty<DeviceRow> selected = new SimpleObjectProperty<>();
    final ObservableList<DeviceProfile> profiles = FXCollections.observableArrayList(DeviceProfile.values());
    final ObjectProperty<DeviceProfile> profile = new SimpleObjectProperty<>(DeviceProfile.NPU_FLAGSHIP);
    final ObservableList<String> strategies = FXCollections.observableArrayList();
    final StringProperty strategy = new SimpleStringProperty();
    final StringProperty message = new SimpleStringProperty("");
    final BooleanProperty simulated = new SimpleBooleanProperty();
    final BooleanProperty busy = new SimpleBooleanProperty();
}
