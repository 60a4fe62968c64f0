package io.meshbench.app.devices;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Devices panel's state: the phones, the one selected, what adb said, the NPU evidence and the logs. */
final class DevicesModel {

    /** Log lines kept for the panel; older ones scroll away (memory stays flat). */
    static final int MAX_LOG_LINES = 2000;
    static final String AUTO = "detect";

    final ObservableList<PhoneRow> phones = FXCollections.observableArrayList();
    final ObjectProperty<PhoneRow> selected = new SimpleObjectProperty<>();
    /** What to tell the user about adb: missing, no device, unauthorized, or what the last action did. */
    final StringProperty message = new SimpleStringProperty("");
    /** Whether {@link #message} is a problem (shown in red) or news. */
    final BooleanProperty problem = new SimpleBooleanProperty();
    final StringProperty evidence = new SimpleStringProperty("");
    /** The NPU answer for the selected phone at the next setup: detect, yes or no. */
    final StringProperty npuChoice = new SimpleStringProperty(AUTO);
    final ObservableList<String> logLines = FXCollections.observableArrayList();
    final BooleanProperty following = new SimpleBooleanProperty();
    final BooleanProperty busy = new SimpleBooleanProperty();
    final StringProperty port = new SimpleStringProperty("9999");
    final BooleanProperty distinctPorts = new SimpleBooleanProperty();
    final StringProperty slmCommand = new SimpleStringProperty("");
    final StringProperty laptop = new SimpleStringProperty("");
    final BooleanProperty usb = new SimpleBooleanProperty();
}
