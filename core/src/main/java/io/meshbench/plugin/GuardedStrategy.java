package io.meshbench.plugin;

import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.List;

/**
 * A selection strategy as the orchestrator uses it: a selection that names a device that did not
 * bid, ranks one twice, leaves a bid out, or is missing, and anything the strategy throws, become
 * an {@link IllegalStateException} naming the strategy and its jar (the orchestrator then fails
 * that task and keeps serving).
 */
final class GuardedStrategy implements SelectionStrategy {

    private final SelectionStrategy plugin;
    private final String origin;

    GuardedStrategy(SelectionStrategy plugin, String origin) {
        this.plugin = plugin;
        this.origin = origin;
    }

    @Override
    public String name() {
        return plugin.name();
    }

    @Override
    public String version() {
        return plugin.version();
    }

    @Override
    public String description() {
        return plugin.description();
    }

    @Override
    public String title() {
        try {
            String title = plugin.title();
            return title == null || title.isBlank() ? plugin.name() : title;
        } catch (RuntimeException | LinkageError e) {
            return plugin.name();
        }
    }

    @Override
    public Selection select(List<Bid> bids) {
        return select(bids, null);
    }

    @Override
    public Selection select(List<Bid> bids, AuctionInfo info) {
        Selection selection;
        try {
            selection = info == null ? plugin.select(bids) : plugin.select(bids, info);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            throw new IllegalStateException("selection strategy " + origin + " threw " + PluginJar.cause(e), e);
        }
        String invalid = invalid(selection, bids);
        if (invalid != null) {
            throw new IllegalStateException("selection strategy " + origin + " " + invalid);
        }
        return selection;
    }

    /** What is wrong with {@code selection} of {@code bids}, or {@code null} when it is sound. */
    static String invalid(Selection selection, List<Bid> bids) {
        return selection == null ? "returned no selection (null)" : selection.problemWith(bids);
    }
}
