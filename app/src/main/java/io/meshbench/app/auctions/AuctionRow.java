package io.meshbench.app.auctions;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.List;

/** One task in the auctions list: its table cells as properties, its details as plain fields. */
final class AuctionRow {

    final String taskId;
    final String prompt;
    final StringProperty state = new SimpleStringProperty("BIDDING");
    final StringProperty winner = new SimpleStringProperty("");
    final StringProperty total = new SimpleStringProperty("");
    final List<String> peers;
    List<Bid> bids = new ArrayList<>();
    List<String> missing = List.of();
    String strategyTitle = "";
    String rule = "";
    String reason = "";
    String promptType = "";
    String output = "";
    String failure = "";
    long deviceRun = -1;
    MeshEvent.Timing timing = MeshEvent.Timing.NONE;

    AuctionRow(String taskId, String prompt, List<String> peers) {
        this.taskId = taskId;
        this.prompt = prompt;
        this.peers = peers;
    }

    boolean ended() {
        String s = state.get();
        return s.equals("COMPLETED") || s.equals("FAILED") || s.startsWith("RESULT");
    }

    TimeSplit split() {
        return TimeSplit.of(timing, deviceRun);
    }
}
