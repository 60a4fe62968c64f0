package io.meshbench.plugin.api;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.ToDoubleFunction;

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
        requireBids(bids);
        List<Bid> copy = List.copyOf(bids);
        return new Lazy(bids, copy, (i, j) -> order.compare(copy.get(i), copy.get(j)));
    }

    /**
     * {@code bids} ranked by {@code score}, highest first, ties by {@code tieBreak}, lazily. Each
     * bid's score is computed once, however often it is compared.
     */
    public static List<Bid> byScore(List<Bid> bids, ToDoubleFunction<? super Bid> score,
                                    Comparator<? super Bid> tieBreak) {
        requireBids(bids);
        List<Bid> copy = List.copyOf(bids);
        double[] scores = new double[copy.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score.applyAsDouble(copy.get(i));
        }
        return new Lazy(bids, copy, (i, j) -> {
            int c = Double.compare(scores[j], scores[i]);
            return c != 0 ? c : tieBreak.compare(copy.get(i), copy.get(j));
        });
    }

    private static void requireBids(List<Bid> bids) {
        if (bids.isEmpty()) {
            throw new IllegalArgumentException("nothing to rank: no bids");
        }
    }

    /** Whether {@code ranking} was made by {@link #of} from exactly the list object {@code bids}. */
    static boolean rankedFrom(List<Bid> ranking, List<Bid> bids) {
        return ranking instanceof Lazy lazy && lazy.origin == bids;
    }

    static boolean isLazy(List<Bid> ranking) {
        return ranking instanceof Lazy;
    }

    /** An order over the positions of the bids. */
    @FunctionalInterface
    private interface PositionOrder {
        int compare(int i, int j);
    }

    private static final class Lazy extends AbstractList<Bid> implements RandomAccess {
        private final List<Bid> origin;
        private final List<Bid> bids;
        private final PositionOrder order;
        private final int first;
        private int second = -1;
        private List<Bid> sorted;

        Lazy(List<Bid> origin, List<Bid> bids, PositionOrder order) {
            this.origin = origin;
            this.bids = bids;
            this.order = order;
            this.first = best(-1);
        }

        /** The position of the best bid, skipping {@code skip}; on ties the earlier one, as a stable sort. */
        private int best(int skip) {
            int best = -1;
            for (int i = 0; i < bids.size(); i++) {
                if (i != skip && (best < 0 || order.compare(i, best) < 0)) {
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
                Integer[] positions = new Integer[bids.size()];
                for (int i = 0; i < positions.length; i++) {
                    positions[i] = i;
                }
                Arrays.sort(positions, (i, j) -> order.compare(i, j)); // stable: ties keep their input order
                List<Bid> ranked = new ArrayList<>(positions.length);
                for (int i : positions) {
                    ranked.add(bids.get(i));
                }
                sorted = List.copyOf(ranked);
            }
            return sorted;
        }

        @Override
        public int size() {
            return bids.size();
        }
    }
}
