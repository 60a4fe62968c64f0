package io.meshbench.app.sequence;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/** The last messages of the mesh, the lifelines and the chart's filters. */
final class SequenceModel {

    /**
     * About 30 s of a 40-device mesh under load (the window kept 9 s with 4,000), 6 s of a 100-device
     * mesh at 50 auctions a second; a few MB of heap.
     */
    static final int MAX_ARROWS = 15_000;
    /** Sends waiting for their receipt, and receipts for their send: past this many they are stale. */
    static final int MAX_UNMATCHED = 4_000;
    /** The arrows this chart keeps (a replay window keeps fewer: it can seek back instead). */
    int maxArrows = MAX_ARROWS;
    /** The lifeline that stands for every device not given one of its own. */
    static final String OTHERS = "others";
    static final String ALL = "All";

    final ArrayDeque<Arrow> arrows = new ArrayDeque<>();
    /** A send's sender, receiver and line: how its receipt finds it (a record: no string copied). */
    record Key(String from, String to, String line) {
    }

    /** Sends not yet matched with their receipt, by sender, receiver and line. */
    final Map<Key, Arrow> pending = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Arrow> eldest) {
            return size() > MAX_UNMATCHED;
        }
    };
    /**
     * Receipts whose send was not seen (yet): a phone's log, followed over adb, reports a send after
     * the laptop reported its receipt. Its send then completes the same arrow instead of adding one.
     */
    final Map<Key, Arrow> receivedFirst = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Arrow> eldest) {
            return size() > MAX_UNMATCHED;
        }
    };
    final ObservableList<String> lifelines = FXCollections.observableArrayList();
    final ObservableList<String> deviceChoices = FXCollections.observableArrayList(ALL);
    final StringProperty typeFilter = new SimpleStringProperty(ALL);
    final StringProperty deviceFilter = new SimpleStringProperty(ALL);
    /** A task id to show alone (the auction selected in the list), or null for every task. */
    final StringProperty taskFilter = new SimpleStringProperty();
    final ObjectProperty<Arrow> selected = new SimpleObjectProperty<>();
    final IntegerProperty version = new SimpleIntegerProperty();
    long seq;
    /** Lifelines the user pinned (clicked in the header): always shown. */
    final java.util.Set<String> pinned = new java.util.LinkedHashSet<>();
    /** Arrows in the history per device, to find the busiest. */
    final Map<String, Integer> traffic = new java.util.HashMap<>();

    /** No filter set: every arrow shows. */
    boolean unfiltered() {
        String type = typeFilter.get();
        String device = deviceFilter.get();
        return (type == null || type.equals(ALL)) && (device == null || device.equals(ALL)) && taskFilter.get() == null;
    }

    boolean matches(Arrow a) {
        String type = typeFilter.get();
        String device = deviceFilter.get();
        String task = taskFilter.get();
        return (type == null || type.equals(ALL) || type.equals(a.type()))
                && (device == null || device.equals(ALL) || device.equals(a.from()) || device.equals(a.to()))
                && (task == null || task.equals(a.taskId()));
    }
}
