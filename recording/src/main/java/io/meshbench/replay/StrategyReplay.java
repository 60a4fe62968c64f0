package io.meshbench.replay;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Headless replay: every auction of a recording decided again, from its recorded bids, by another
 * strategy, to see where the winner would have differed. The bids are handed over exactly as the
 * orchestrator handed them to its own strategy (in peer-list order), so the recording's own
 * strategy gives the recorded winners back.
 */
public final class StrategyReplay {

    private StrategyReplay() {
    }

    public static List<Redecision> replay(Iterable<? extends MeshEvent> events, SelectionStrategy strategy) {
        List<Redecision> out = new ArrayList<>();
        for (MeshEvent event : events) {
            if (event instanceof MeshEvent.AuctionClosed closed) {
                out.add(redecide(closed, strategy));
            }
        }
        return out;
    }

    static Redecision redecide(MeshEvent.AuctionClosed closed, SelectionStrategy strategy) {
        List<Bid> bids = closed.bids();
        List<String> bidders = bids.stream().map(Bid::deviceId).toList();
        String recorded = closed.selection().winner().deviceId();
        String problem;
        Selection selection = null;
        try {
            selection = strategy.select(bids);
            problem = check(selection, bids);
        } catch (RuntimeException e) {
            problem = "strategy " + strategy.name() + " failed: " + e;
        }
        if (problem != null) {
            return new Redecision(closed.taskId(), closed.node(), closed.time(), closed.strategy(), recorded,
                    closed.selection().rule(), "", "", problem, bidders, true);
        }
        return new Redecision(closed.taskId(), closed.node(), closed.time(), closed.strategy(), recorded,
                closed.selection().rule(), selection.winner().deviceId(), selection.rule(), selection.reason(),
                bidders, false);
    }

    /** The orchestrator's own check: a strategy may rank only devices that bid. */
    private static String check(Selection selection, List<Bid> bids) {
        if (selection == null) {
            return "the strategy returned no selection";
        }
        Set<String> bidders = new HashSet<>();
        bids.forEach(b -> bidders.add(b.deviceId()));
        for (Bid ranked : selection.ranking()) {
            if (!bidders.contains(ranked.deviceId())) {
                return "the strategy picked " + ranked.deviceId() + ", which did not bid";
            }
        }
        return null;
    }
}
