package io.meshbench.app.console;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One prompt typed in the console and what became of it. */
final class ConsoleEntry {
    final String prompt;
    final StringProperty taskId = new SimpleStringProperty("submitting…");
    final StringProperty status = new SimpleStringProperty("bidding…");
    final StringProperty text = new SimpleStringProperty("");

    ConsoleEntry(String prompt) {
        this.prompt = prompt;
    }
}
