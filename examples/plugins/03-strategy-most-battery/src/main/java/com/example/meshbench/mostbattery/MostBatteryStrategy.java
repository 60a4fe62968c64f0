package com.example.meshbench.mostbattery;

import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The "most-battery" selection strategy: the bidder with the fullest battery wins; ties go to the
 * least loaded (Bid.LEAST_LOADED), so the same bids always give the same ranking.
 * Change select() to your rule; keep it deterministic and rank every bid.
 */
public final class MostBatteryStrategy implements SelectionStrategy {

    @Override
    public String name() {
        return "most-battery";
    }

    @Override
    public String title() {
        return "MostBatteryStrategy";
    }

    @Override
    public String description() {
        return "The bidder with the fullest battery wins.";
    }

    @Override
    public Selection select(List<Bid> bids) {
        List<Bid> ranking = new ArrayList<>(bids);
        // An unknown battery (-1) ranks last.
        ranking.sort(Comparator.comparingInt((Bid b) -> -b.battery().orElse(-1)).thenComparing(Bid.LEAST_LOADED));
        Bid winner = ranking.get(0);
        String battery = winner.battery().isPresent() ? winner.battery().getAsInt() + "%" : "unknown";
        return new Selection(ranking, "Fullest Battery",
                winner.deviceId() + " has the fullest battery (" + battery + ") of " + bids.size() + " bidders");
    }
}
