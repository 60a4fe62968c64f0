package io.meshbench.app.history;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.util.List;

/** What the History window shows: JavaFX properties, changed only on the UI thread. */
final class HistoryModel {
    final StringProperty file = new SimpleStringProperty("");
    final StringProperty window = new SimpleStringProperty("all time");
    final StringProperty status = new SimpleStringProperty("");
    final ObservableList<HistoryController.Row> devices = FXCollections.observableArrayList();
    final ObservableList<HistoryController.Row> strategies = FXCollections.observableArrayList();
    final ObservableList<HistoryController.Row> priorities = FXCollections.observableArrayList();
    final ObservableMap<String, List<HistoryController.Point>> overTime = FXCollections.observableHashMap();
}
