package io.meshbench.plugin.api;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What the orchestrator knows about one auction besides its bids: the prompt's size, the work it
 * has already sent each bidder, and what history predicts for each bidder. Strategies that balance
 * load or predict completion read it through {@link SelectionStrategy#select(java.util.List, AuctionInfo)};
 * every method has a default, and {@link #NONE} knows nothing (a replay of recorded bids, or
 * {@code meshbench plugin check}), so a strategy must also decide well from the bids alone.
 */
public interface AuctionInfo {

    /** Knows nothing: no prompt size, no outstanding work, no history. */
    AuctionInfo NONE = new AuctionInfo() {
    };

    /** The prompt's size in tokens (about four characters a token); 0 when unknown. */
    default int promptTokens() {
        return 0;
    }

    /**
     * Tasks this orchestrator has sent {@code deviceId} that have not ended yet (queued or running
     * there): the device's outstanding work as the orchestrator counts it.
     */
    default int outstanding(String deviceId) {
        return 0;
    }

    /**
     * Seconds {@code deviceId} is predicted to take for one task of this prompt's size on its NPU
     * ({@code npu} true) or its CPU, from what it did before (a decaying average); empty when the
     * orchestrator has no history of that device on that unit (a cold start).
     */
    default OptionalDouble expectedSeconds(String deviceId, boolean npu) {
        return OptionalDouble.empty();
    }

    /**
     * {@link #outstanding} and {@link #expectedSeconds} of every bidder at once, for a strategy that
     * reads both of each: for the {@code i}-th of {@code bids}, {@code outstanding[i]} is
     * {@code outstanding(deviceId)} and {@code expectedSeconds[i]} is
     * {@code expectedSeconds(deviceId, hasNpu)}, NaN when empty. The arrays hold at least
     * {@code bids.size()} entries. The default asks those two methods; the orchestrator answers with
     * one look-up a bidder and no boxes, so over thousands of bids this is much the cheaper way.
     */
    default void workOf(List<Bid> bids, int[] outstanding, double[] expectedSeconds) {
        int i = 0;
        for (Bid b : bids) {
            outstanding[i] = outstanding(b.deviceId());
            expectedSeconds[i] = expectedSeconds(b.deviceId(), b.hasNpu()).orElse(Double.NaN);
            i++;
        }
    }

    /**
     * A number fixed for this auction (derived from its task id): a strategy that samples bidders
     * draws from it, so the same auction gives the same choice.
     */
    default long seed() {
        return 0;
    }
}
