package io.meshbench.plugin.api;

import java.util.List;
import java.util.Objects;

/**
 * A strategy's decision over the bids of one auction.
 *
 * @param ranking every bid, best first; the first is the winner. The host falls back to the next
 *                one when the winner cannot be reached.
 * @param rule    a short label of the rule that decided, shown beside the winner, e.g. {@code "NPU Priority"}
 * @param reason  one sentence that says why the winner won, in words a person reads on the console
 */
public record Selection(List<Bid> ranking, String rule, String reason) {
    /** Checks the fields; a value out of range throws {@link IllegalArgumentException}. */
    public Selection {
        ranking = List.copyOf(ranking);
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
}
