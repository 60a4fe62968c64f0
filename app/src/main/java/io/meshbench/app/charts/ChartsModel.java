package io.meshbench.app.charts;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.Map;

/** CPU, RAM and battery of each device over the last minutes. */
final class ChartsModel {

    static final String ALL = "All devices";
    /** Samples kept per device: five minutes at the default two samples a second. */
    static final int CAPACITY = 600;
    static final long WINDOW_NANOS = 5L * 60 * 1_000_000_000L;

    final Map<String, Series> series = new LinkedHashMap<>();
    final ObservableList<String> choices = FXCollections.observableArrayList(ALL);
    final StringProperty selected = new SimpleStringProperty(ALL);
    final IntegerProperty version = new SimpleIntegerProperty();
    /** Each device's colour, given once when it first appears: adding a device never moves the others'. */
    final Map<String, javafx.scene.paint.Color> colours = new java.util.HashMap<>();

    /** The k-th colour: hues a golden angle apart, so neighbours differ however many devices there are. */
    static javafx.scene.paint.Color colour(int k) {
        return javafx.scene.paint.Color.hsb((k * 137.508) % 360, 0.6, 0.95);
    }
}
