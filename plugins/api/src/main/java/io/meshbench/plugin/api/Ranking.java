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
 * <p>A strategy that counts things for its reason (how many bidders have an NPU, how many are low on
 * battery) already makes a pass over the bids; with {@link Leaders} that same pass finds the winner
 * (and the runner-up), comparing one number a bid, and {@link #of(List, Comparator, Leaders)} makes
 * the ranking without another pass. Over 10,000 bids that is one pass in all.
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
        return new Lazy(bids, bids.toArray(), positions -> (i, j) -> order.compare((Bid) positions[i],
                (Bid) positions[j]), -1, -1);
    }

    /**
     * {@code bids} ranked by {@code score}, highest first, ties by {@code tieBreak}, lazily. Each
     * bid's score is computed once, however often it is compared.
     */
    public static List<Bid> byScore(List<Bid> bids, ToDoubleFunction<? super Bid> score,
                                    Comparator<? super Bid> tieBreak) {
        requireBids(bids);
        double[] scores = new double[bids.size()];
        Object[] copy = bids.toArray();
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score.applyAsDouble((Bid) copy[i]);
        }
        return new Lazy(bids, copy, positions -> (i, j) -> {
            int c = Double.compare(scores[j], scores[i]);
            return c != 0 ? c : tieBreak.compare((Bid) positions[i], (Bid) positions[j]);
        }, -1, -1);
    }

    /**
     * {@code bids} ranked by {@code order}, best first, where the strategy's own pass over the bids
     * (the one that also counts what its reason says) found the leaders: no pass is made here, and
     * the whole order is sorted only when a place after the leaders is read. {@code leaders} must have
     * been offered every bid of {@code bids}, in order, and made with the same {@code order}.
     */
    public static List<Bid> of(List<Bid> bids, Comparator<? super Bid> order, Leaders leaders) {
        requireBids(bids);
        leaders.requireAllOf(bids);
        return new Lazy(bids, bids.toArray(), positions -> (i, j) -> order.compare((Bid) positions[i],
                (Bid) positions[j]), leaders.first, leaders.secondIndex());
    }

    /**
     * {@code bids} ranked by {@code score}, highest first, ties by {@code tieBreak}, with the leaders
     * the strategy's own pass found (see {@link #of(List, Comparator, Leaders)}): the scores are
     * computed, once each, only when a place after the leaders is read. {@code leaders}' order must
     * be this one ({@link #byScoreOrder}).
     */
    public static List<Bid> byScore(List<Bid> bids, ToDoubleFunction<? super Bid> score,
                                    Comparator<? super Bid> tieBreak, Leaders leaders) {
        requireBids(bids);
        leaders.requireAllOf(bids);
        return new Lazy(bids, bids.toArray(), positions -> {
            double[] scores = new double[positions.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = score.applyAsDouble((Bid) positions[i]);
            }
            return (i, j) -> {
                int c = Double.compare(scores[j], scores[i]);
                return c != 0 ? c : tieBreak.compare((Bid) positions[i], (Bid) positions[j]);
            };
        }, leaders.first, leaders.secondIndex());
    }

    /**
     * {@code bids} ranked by {@code score}, highest first, ties by {@code tieBreak}, when the winner is
     * already known to be the bid at position {@code first} (it must be the best by that order): no
     * pass is made here until a later place is read.
     */
    public static List<Bid> byScore(List<Bid> bids, ToDoubleFunction<? super Bid> score,
                                    Comparator<? super Bid> tieBreak, int first) {
        requireBids(bids);
        if (first < 0 || first >= bids.size()) {
            throw new IllegalArgumentException("the winner's position " + first + " is not one of the "
                    + bids.size() + " bids");
        }
        Leaders known = new Leaders(tieBreak, false);
        known.first = first;
        known.offered = bids.size();
        return byScore(bids, score, tieBreak, known);
    }

    /** The order {@link #byScore} ranks by: highest {@code score} first, ties by {@code tieBreak}. */
    public static Comparator<Bid> byScoreOrder(ToDoubleFunction<? super Bid> score, Comparator<? super Bid> tieBreak) {
        return (a, b) -> {
            int c = Double.compare(score.applyAsDouble(b), score.applyAsDouble(a));
            return c != 0 ? c : tieBreak.compare(a, b);
        };
    }

    /**
     * The best bid (and, when asked, the second best) by an order, found in the strategy's own pass
     * over the bids: offer each bid in turn with a key, a number that agrees with the order (a lower
     * key means a better bid; equal keys say nothing). A bid whose key is above the leaders' costs one
     * comparison of two numbers; the order itself is asked only on equal keys. Ties go to the earlier
     * bid, as a stable sort. Not thread-safe: one per selection.
     */
    public static final class Leaders {
        private final Comparator<? super Bid> order;
        private final boolean trackSecond;
        private int offered;
        private int first = -1;
        private int second = -1;
        private Bid firstBid;
        private Bid secondBid;
        private double firstKey;
        private double secondKey;

        /** @param second whether to keep the second best too (when the reason names the runner-up) */
        public Leaders(Comparator<? super Bid> order, boolean second) {
            this.order = order;
            this.trackSecond = second;
        }

        /**
         * The next bid of the list, with its key: if {@code key(a) < key(b)} then {@code a} must rank
         * before {@code b} by the order. NaN keys are allowed (the order decides).
         */
        public void offer(Bid bid, double key) {
            int position = offered++;
            if (first < 0) {
                first = position;
                firstBid = bid;
                firstKey = key;
                return;
            }
            if (key > firstKey && (!trackSecond || second >= 0 && key > secondKey)) {
                return; // worse than every leader: the common case, one comparison
            }
            if (key < firstKey || !(key > firstKey) && order.compare(bid, firstBid) < 0) {
                if (trackSecond) {
                    second = first;
                    secondBid = firstBid;
                    secondKey = firstKey;
                }
                first = position;
                firstBid = bid;
                firstKey = key;
            } else if (trackSecond && (second < 0 || key < secondKey
                    || !(key > secondKey) && order.compare(bid, secondBid) < 0)) {
                second = position;
                secondBid = bid;
                secondKey = key;
            }
        }

        /** The position in the list of the best bid offered, -1 when none was. */
        public int firstIndex() {
            return first;
        }

        /** The position of the second best bid offered, -1 when there is none (or it is not kept). */
        public int secondIndex() {
            return trackSecond ? second : -1;
        }

        /** The best bid offered, or {@code null} when none was. */
        public Bid first() {
            return firstBid;
        }

        /** The second best bid offered, or {@code null} (one bid, or not kept). */
        public Bid second() {
            return trackSecond ? secondBid : null;
        }

        private void requireAllOf(List<Bid> bids) {
            if (offered != bids.size()) {
                throw new IllegalArgumentException("the leaders were offered " + offered + " bids, not the "
                        + bids.size() + " ranked: offer every bid, in order");
            }
        }
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

    /** Makes the order over positions from the bids (once, when first needed). */
    @FunctionalInterface
    private interface OrderFactory {
        PositionOrder over(Object[] bids);
    }

    private static final class Lazy extends AbstractList<Bid> implements RandomAccess {
        private final List<Bid> origin;
        private final Object[] bids;
        private final OrderFactory orderFactory;
        private PositionOrder order;
        private final int first;
        private int second;
        private List<Bid> sorted;

        Lazy(List<Bid> origin, Object[] bids, OrderFactory orderFactory, int first, int second) {
            this.origin = origin;
            this.bids = bids;
            this.orderFactory = orderFactory;
            this.first = first < 0 ? best(-1) : first;
            this.second = second;
        }

        private PositionOrder order() {
            if (order == null) {
                order = orderFactory.over(bids);
            }
            return order;
        }

        /** The position of the best bid, skipping {@code skip}; on ties the earlier one, as a stable sort. */
        private int best(int skip) {
            PositionOrder o = order();
            int best = -1;
            for (int i = 0; i < bids.length; i++) {
                if (i != skip && (best < 0 || o.compare(i, best) < 0)) {
                    best = i;
                }
            }
            return best;
        }

        @Override
        public synchronized Bid get(int index) {
            if (index == 0) {
                return (Bid) bids[first];
            }
            if (index == 1 && sorted == null && bids.length > 1) {
                if (second < 0) {
                    second = best(first);
                }
                return (Bid) bids[second];
            }
            return sorted().get(index);
        }

        /**
         * The whole order: the first (and second, when known) as found, then the rest by a stable sort,
         * which is the stable sort of all when they were found right, and a permutation of the bids
         * (each once) however they were found.
         */
        private List<Bid> sorted() {
            if (sorted == null) {
                PositionOrder o = order();
                Integer[] rest = new Integer[bids.length - (second >= 0 ? 2 : 1)];
                int n = 0;
                for (int i = 0; i < bids.length; i++) {
                    if (i != first && i != second) {
                        rest[n++] = i;
                    }
                }
                Arrays.sort(rest, (i, j) -> o.compare(i, j)); // stable: ties keep their input order
                List<Bid> ranked = new ArrayList<>(bids.length);
                ranked.add((Bid) bids[first]);
                if (second >= 0) {
                    ranked.add((Bid) bids[second]);
                }
                for (int i : rest) {
                    ranked.add((Bid) bids[i]);
                }
                sorted = List.copyOf(ranked);
            }
            return sorted;
        }

        @Override
        public int size() {
            return bids.length;
        }
    }
}
