package io.meshbench.plugin.api;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;

/**
 * A ranking of bids that costs one pass over them until more than the winner is needed. An auction
 * needs the winner; the rest of the order matters only when the winner cannot take the task, which
 * is rare. So {@link #of} finds the first (and, when asked, the second) bid by a linear scan and
 * sorts the whole list only when a later place, or the whole order, is read. Selection over 10,000
 * bids then costs tens of microseconds instead of a sort's milliseconds.
 *
 * <p>The list is unmodifiable; it holds its own copy of the bids. Its order is the one a stable sort
 * by the comparator gives.
 */
public final class Ranking {
    private Ranking() {
    }

    /** {@code bids} ranked by {@code order}, best first, lazily. {@code bids} must not be empty. */
    public static List<Bid> of(List<Bid> bids, Comparator<? super Bid> order) {
        if (bids.isEmpty()) {
            throw new IllegalArgumentException("nothing to rank: no bids");
        }
        return new Lazy(bids, order);
    }

    /** Whether {@code ranking} was made by {@link #of} from exactly the list object {@code bids}. */
    static boolean rankedFrom(List<Bid> ranking, List<Bid> bids) {
        return ranking instanceof Lazy lazy && lazy.origin == bids;
    }

    static boolean isLazy(List<Bid> ranking) {
        return ranking instanceof Lazy;
    }

    private static final class Lazy extends AbstractList<Bid> implements RandomAccess {
        private final List<Bid> origin;
        private final List<Bid> bids;
        private final Comparator<? super Bid> order;
        private final int first;
        private int second = -1;
        private List<Bid> sorted;

        Lazy(List<Bid> origin, Comparator<? super Bid> order) {
            this.origin = origin;
            this.bids = List.copyOf(origin);
            this.order = order;
            this.first = best(-1);
        }

        /** The index of the best bid, skipping {@code skip}; on ties the earlier one, as a stable sort. */
        private int best(int skip) {
            int best = -1;
            for (int i = 0; i < bids.size(); i++) {
                if (i != skip && (best < 0 || order.compare(bids.get(i), bids.get(best)) < 0)) {
                    best = i;
                }
            }
            return best;
        }

        @Override
        public synchronized Bid get(int index) {
            if (index == 0) {
                return bids.get(first);
            }
            if (index == 1 && sorted == null && bids.size() > 1) {
                if (second < 0) {
                    second = best(first);
                }
                return bids.get(second);
            }
            return sorted().get(index);
        }

        private List<Bid> sorted() {
            if (sorted == null) {
                List<Bid> copy = new ArrayList<>(bids);
                copy.sort(order);
                sorted = List.copyOf(copy);
            }
            return sorted;
        }

        @Override
        public int size() {
            return bids.size();
        }
    }
}
