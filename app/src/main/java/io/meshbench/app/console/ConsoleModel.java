package io.meshbench.app.console;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The prompt being typed, its optional NPU and CPU variants, and the prompts sent so far. */
final class ConsoleModel {
    static final int MAX_ENTRIES = 200;

    final StringProperty prompt = new SimpleStringProperty("");
    final StringProperty npuPrompt = new SimpleStringProperty("");
    final StringProperty cpuPrompt = new SimpleStringProperty("");
    /** Where a prompt no device can take at once waits in the orchestrator's queue. */
    final javafx.beans.property.ObjectProperty<io.meshbench.schedule.Priority> priority =
            new javafx.beans.property.SimpleObjectProperty<>(io.meshbench.schedule.Priority.NORMAL);
    final StringProperty error = new SimpleStringProperty("");
    final ObservableList<ConsoleEntry> entries = FXCollections.observableArrayList();
}
