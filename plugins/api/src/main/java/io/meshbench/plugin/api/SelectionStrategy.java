package io.meshbench.plugin.api;

import java.util.List;

/**
 * Ranks the bids of one auction. Registered in
 * {@code META-INF/services/io.meshbench.plugin.api.SelectionStrategy}.
 *
 * <p>A strategy must be deterministic (the same bids in the same order give the same ranking), must
 * rank every bid it was given and nothing else, each once, and must not keep state between calls.
 * The host never calls it with an empty list; {@code meshbench plugin check} still does, once, and
 * accepts an exception there (the contract is only that no selection is made up). It must stay
 * fast with thousands of bids: sort, do not compare every pair.
 *
 * <p>A strategy is created once by {@link java.util.ServiceLoader} (a public no-argument
 * constructor) and may be called from any thread, one call at a time.
 */
public interface SelectionStrategy extends Plugin {

    /** The name the orchestrator is given with {@code --strategy}, e.g. {@code "npu-first"}. */
    @Override
    String name();

    /** A title for the console's evaluation header, e.g. {@code "NPU-First Strategy"}. */
    default String title() {
        return name();
    }

    /** Ranks {@code bids} (never empty), best first, and says why. */
    Selection select(List<Bid> bids);

    /**
     * Ranks {@code bids} knowing more about the auction: the prompt's size, each bidder's
     * outstanding work and its predicted run time ({@link AuctionInfo}). The orchestrator calls
     * this one; by default it ignores {@code info}. The same contract holds: the same bids and the
     * same info give the same ranking.
     */
    default Selection select(List<Bid> bids, AuctionInfo info) {
        return select(bids);
    }
}
