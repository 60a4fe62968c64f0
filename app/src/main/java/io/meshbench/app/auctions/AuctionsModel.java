package io.meshbench.app.auctions;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.Map;

/** Every task the orchestrator ran, newest first, capped so that memory stays flat. */
final class AuctionsModel {

    static final int MAX_ROWS = 500;

    final ObservableList<AuctionRow> rows = FXCollections.observableArrayList();
    final Map<String, AuctionRow> byTask = new HashMap<>();
    final ObjectProperty<AuctionRow> selected = new SimpleObjectProperty<>();
    /** Bumped when the selected task changes, so the detail pane redraws. */
    final IntegerProperty detailVersion = new SimpleIntegerProperty();
    final IntegerProperty inFlight = new SimpleIntegerProperty();
    final IntegerProperty completed = new SimpleIntegerProperty();
    final IntegerProperty failed = new SimpleIntegerProperty();
}
