package io.meshbench.plugin.check;

import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * A selection strategy's contract: it ranks every bid it was given and nothing else, each once;
 * the same bids give the same selection; no bids make it refuse rather than invent a winner; and
 * 10,000 bids are ranked in well under the time an auction waits. Every other trial hands the
 * strategy an {@link AuctionInfo} too (outstanding work, predictions, some unknown), as the
 * orchestrator does.
 */
final class StrategyChecks {

    static final int TRIALS = 300;
    static final int MANY = 10_000;
    static final double MANY_LIMIT_S = 2.0;

    private StrategyChecks() {
    }

    static void run(CheckReport report, String name, SelectionStrategy strategy, PluginCheck.Timing timing) {
        zeroBids(report, name, strategy);
        SplittableRandom random = new SplittableRandom(7);
        String check = "ranks only and every bidder, each once";
        String determinism = "deterministic";
        String invalid = null;
        String unstable = null;
        for (int trial = 0; trial < TRIALS && invalid == null && unstable == null; trial++) {
            List<Bid> bids = bids(random, 1 + random.nextInt(trial < 50 ? 3 : 20), trial % 5 == 0);
            AuctionInfo info = trial % 2 == 0 ? null : info(random, bids);
            try {
                Selection first = PluginCheck.within(2, () -> select(strategy, List.copyOf(bids), info));
                invalid = problem(first, bids);
                if (invalid == null) {
                    Selection second = PluginCheck.within(2, () -> select(strategy, List.copyOf(bids), info));
                    if (!same(first, second)) {
                        unstable = "the same " + bids.size() + " bids gave " + summary(first) + ", then " + summary(second);
                    }
                }
            } catch (Exception e) {
                invalid = "threw " + PluginCheck.thrown(e) + " for " + bids.size() + " bids";
            }
            if (invalid != null) {
                invalid += " (bids: " + String.join(", ", bids.stream().map(StrategyChecks::show).toList()) + ")";
            }
        }
        if (invalid != null) {
            report.fail(name, check, invalid);
        } else {
            report.pass(name, check, TRIALS + " auctions of 1 to 20 bids, some with unknown loads and ties, half of them "
                    + "with outstanding work and predictions");
        }
        if (unstable != null) {
            report.fail(name, determinism, unstable + "; keep no state between calls and break ties by a fixed rule "
                    + "(e.g. end the comparator with Bid.LEAST_LOADED)");
        } else if (invalid == null) {
            report.pass(name, determinism, "same bids, same ranking, rule and reason, " + TRIALS + " times");
        }
        many(report, name, strategy, random, timing);
    }

    private static void zeroBids(CheckReport report, String name, SelectionStrategy strategy) {
        String check = "handles zero bids";
        try {
            Selection selection = PluginCheck.within(2, () -> strategy.select(List.of()));
            if (selection == null) {
                report.pass(name, check, "returned no selection");
            } else {
                report.fail(name, check, "made up a winner, " + selection.winner().deviceId() + ", from no bids");
            }
        } catch (java.util.concurrent.TimeoutException e) {
            report.fail(name, check, "hung on an empty list: " + e.getMessage());
        } catch (Exception e) {
            report.pass(name, check, "refused with " + e.getClass().getSimpleName() + " (the host never asks with none)");
        }
    }

    private static void many(CheckReport report, String name, SelectionStrategy strategy, SplittableRandom random,
                             PluginCheck.Timing timing) {
        String check = "handles " + String.format(Locale.ROOT, "%,d", MANY) + " bids";
        List<Bid> bids = bids(random, MANY, true);
        AuctionInfo info = info(random, bids);
        long start = System.nanoTime();
        try {
            Selection selection = PluginCheck.within(MANY_LIMIT_S * 5, () -> strategy.select(bids, info));
            double seconds = (System.nanoTime() - start) / 1e9;
            String invalid = problem(selection, bids);
            if (invalid != null) {
                report.fail(name, check, invalid);
            } else if (seconds > MANY_LIMIT_S && timing == PluginCheck.Timing.JUDGED) {
                report.fail(name, check, String.format(Locale.ROOT, "took %.2f s; the limit is %.1f s (sort, do not "
                        + "compare every pair)", seconds, MANY_LIMIT_S));
            } else {
                report.pass(name, check, String.format(Locale.ROOT, "%.1f ms, winner %s", seconds * 1e3,
                        selection.winner().deviceId()));
            }
        } catch (Exception e) {
            report.fail(name, check, "threw " + PluginCheck.thrown(e));
        }
    }

    private static Selection select(SelectionStrategy strategy, List<Bid> bids, AuctionInfo info) {
        return info == null ? strategy.select(bids) : strategy.select(bids, info);
    }

    /** An auction's info as an orchestrator gives it: outstanding work and predictions, some unknown. */
    private static AuctionInfo info(SplittableRandom random, List<Bid> bids) {
        Map<String, Integer> outstanding = new HashMap<>();
        Map<String, Double> npu = new HashMap<>();
        Map<String, Double> cpu = new HashMap<>();
        for (Bid bid : bids) {
            outstanding.put(bid.deviceId(), random.nextInt(4));
            if (random.nextBoolean()) {
                npu.put(bid.deviceId(), random.nextInt(1, 9) / 2.0);
            }
            if (random.nextBoolean()) {
                cpu.put(bid.deviceId(), random.nextInt(1, 9) / 2.0);
            }
        }
        int tokens = random.nextInt(200);
        long seed = random.nextLong();
        return new AuctionInfo() {
            @Override
            public int promptTokens() {
                return tokens;
            }

            @Override
            public int outstanding(String deviceId) {
                return outstanding.getOrDefault(deviceId, 0);
            }

            @Override
            public OptionalDouble expectedSeconds(String deviceId, boolean onNpu) {
                Double s = (onNpu ? npu : cpu).get(deviceId);
                return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
            }

            @Override
            public long seed() {
                return seed;
            }
        };
    }

    /** What is wrong with a selection, or null. */
    static String problem(Selection selection, List<Bid> bids) {
        return selection == null ? "returned no selection (null)" : selection.problemWith(bids);
    }

    private static boolean same(Selection a, Selection b) {
        return b != null && a.ranking().stream().map(Bid::deviceId).toList()
                .equals(b.ranking().stream().map(Bid::deviceId).toList())
                && a.rule().equals(b.rule()) && a.reason().equals(b.reason());
    }

    private static String summary(Selection s) {
        return s == null ? "null" : "winner " + s.winner().deviceId() + " (" + s.rule() + ")";
    }

    private static List<Bid> bids(SplittableRandom random, int count, boolean unknowns) {
        List<Bid> bids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean gap = unknowns && random.nextInt(10) == 0;
            // Coarse values make ties common, so tie-breaking is exercised.
            bids.add(new Bid("Device_" + i, gap ? OptionalDouble.empty() : OptionalDouble.of(random.nextInt(11) / 10.0),
                    gap ? OptionalDouble.empty() : OptionalDouble.of(random.nextInt(5) / 4.0),
                    gap ? OptionalInt.empty() : OptionalInt.of(random.nextInt(5) * 25), random.nextBoolean()));
        }
        return bids;
    }

    private static String show(Bid b) {
        return b.deviceId() + "[cpu " + (b.cpuLoad().isPresent() ? b.cpuLoad().getAsDouble() : "?") + ", npu "
                + b.hasNpu() + "]";
    }
}
