package io.meshbench.plugin.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A strategy's decision over the bids of one auction.
 *
 * @param ranking every bid, best first; the first is the winner. The host falls back to the next
 *                one when the winner cannot be reached. {@link Ranking#of} makes one that costs a
 *                single pass until more than the winner is read.
 * @param rule    a short label of the rule that decided, shown beside the winner, e.g. {@code "NPU Priority"}
 * @param reason  one sentence that says why the winner won, in words a person reads on the console
 */
public record Selection(List<Bid> ranking, String rule, String reason) {
    /** Checks the fields; a value out of range throws {@link IllegalArgumentException}. */
    public Selection {
        // A lazy Ranking is unmodifiable already; copying it would sort it.
        ranking = Ranking.isLazy(ranking) ? ranking : List.copyOf(ranking);
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        if (ranking.isEmpty()) {
            throw new IllegalArgumentException("a selection needs at least one bid");
        }
    }

    /** The winning bid. */
    public Bid winner() {
        return ranking.get(0);
    }

    /**
     * What is wrong with this selection as the answer to {@code bids}, or {@code null} when it keeps
     * the contract: it ranks every bidder exactly once and nobody else. The host checks every
     * selection this way; {@code meshbench plugin check} does too.
     */
    public String problemWith(List<Bid> bids) {
        if (Ranking.rankedFrom(ranking, bids)) {
            return null; // a permutation of exactly these bids, by construction
        }
        Set<String> bidders = new HashSet<>();
        bids.forEach(b -> bidders.add(b.deviceId()));
        Set<String> ranked = new HashSet<>();
        for (Bid bid : ranking) {
            if (!bidders.contains(bid.deviceId())) {
                return "picked " + bid.deviceId() + ", which did not bid";
            }
            if (!ranked.add(bid.deviceId())) {
                return "ranked " + bid.deviceId() + " twice";
            }
        }
        if (ranked.size() != bidders.size()) {
            return "ranked " + ranked.size() + " of " + bidders.size() + " bids; it must rank every bid";
        }
        return null;
    }
}
