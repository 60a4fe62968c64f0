package io.meshbench.plugin.api;

import java.util.List;

/**
 * Ranks the bids of one auction. Registered in
 * {@code META-INF/services/io.meshbench.plugin.api.SelectionStrategy}.
 *
 * <p>A strategy must be deterministic (the same bids in the same order give the same ranking), must
 * rank only the bids it was given, and is never called with an empty list.
 */
public interface SelectionStrategy {

    /** The name the orchestrator is given with {@code --strategy}, e.g. {@code "npu-first"}. */
    String name();

    /** A title for the console's evaluation header, e.g. {@code "NPU-First Strategy"}. */
    default String title() {
        return name();
    }

    /** Ranks {@code bids} (never empty), best first, and says why. */
    Selection select(List<Bid> bids);
}
