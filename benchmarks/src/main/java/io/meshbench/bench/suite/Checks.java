package io.meshbench.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets, each checked against a suite's results and set beside the seed's way, measured in the same run. */
public final class Checks {

    /**
     * One target.
     *
     * @param what     what is measured
     * @param target   the target, in words
     * @param measured ours, in words
     * @param met      whether ours meets the target (null: not measured in this run)
     * @param seed     the seed's way, in words
     * @param ratio    how many times faster ours is than the seed's way (NaN when not measured)
     */
    public record Check(String what, String target, String measured, Boolean met, String seed, double ratio) {
    }

    private Checks() {
    }

    public static List<Check> of(BenchResults r) {
        List<Check> checks = new ArrayList<>();
        Optional<Row> shell = r.roundTrip("auction", "shell", 3);
        Optional<Row> perBid = r.roundTrip("auction", "shell-per-bid", 3);
        double seedNetcatUs = shell.map(x -> x.micros(x.p50())).orElse(Double.NaN);
        double seedWindowUs = perBid.map(x -> x.micros(x.p50())).orElse(Double.NaN);
        String seedBidRound = shell.isPresent() ? "netcat bid round p50 " + ms(seedNetcatUs) : "shell agents not measured";
        Optional<Row> ours = r.roundTrip("auction", "loopback", 3);
        ours.ifPresent(o -> {
            double p50 = o.micros(o.p50()), p99 = o.micros(o.p99());
            checks.add(new Check("3-peer auction round trip, loopback, p50", "< 0.5 ms", ms(p50), p50 < 500,
                    seedBidRound, seedNetcatUs / p50));
            checks.add(new Check("3-peer auction round trip, loopback, p99", "< 2 ms", ms(p99), p99 < 2000,
                    shell.isPresent() ? "netcat bid round p99 " + ms(shell.get().micros(shell.get().p99())) : seedBidRound,
                    shell.map(s -> s.micros(s.p99()) / p99).orElse(Double.NaN)));
            checks.add(new Check("3-peer auction round trip, loopback, p50", "vs the seed's 500 ms CPU window",
                    ms(p50), null, perBid.isPresent() ? "bid round with the CPU window p50 " + ms(seedWindowUs)
                    : "not measured", seedWindowUs / p50));
            checks.add(new Check("3-peer auction round trip, loopback, p50", "vs the seed orchestrator's fixed wait",
                    ms(p50), null, "10 s bid wait (orchestrator_p2p.py)", BenchResults.SEED_BID_WAIT_US / p50));
        });
        for (String strategy : Suites.STRATEGIES) {
            r.selection(strategy, 10_000).ifPresent(s -> {
                double us = s.micros(s.score());
                checks.add(new Check("selection over 10,000 bids, " + strategy, "< 100 µs",
                        String.format(Locale.ROOT, "%.1f µs", us)
                                + (Double.isNaN(s.error()) ? "" : String.format(Locale.ROOT, " ± %.1f", s.micros(s.error()))), us < 100, seedBidRound,
                        seedNetcatUs / us));
            });
        }
        double slowestDecode = Double.POSITIVE_INFINITY;
        String slowestType = null;
        for (String type : Suites.TYPES) {
            Optional<Row> d = r.codec("decode", type);
            if (d.isPresent() && d.get().score() < slowestDecode) {
                slowestDecode = d.get().score();
                slowestType = type;
            }
        }
        if (slowestType != null) {
            double perSecond = slowestDecode;
            checks.add(new Check("decode, one core (slowest type: " + slowestType + ")", "> 1,000,000 msg/s",
                    String.format(Locale.ROOT, "%,.0f msg/s", perSecond), perSecond > 1_000_000, seedBidRound,
                    seedNetcatUs * perSecond / 1e6));
        }
        if (r.load() != null) {
            double rate = r.load().sustainedRate();
            checks.add(new Check("auctions sustained, 10 peers, open loop, p99 < "
                    + (int) BenchSuite.LOAD_P99_TARGET_MS + " ms", ">= 5,000 /s",
                    String.format(Locale.ROOT, "%,.0f /s", rate), rate >= 5000,
                    "one auction per 10 s bid wait: 0.1 /s", rate / 0.1));
        }
        checks.addAll(ScaleChecks.of(r));
        return checks;
    }

    static String ms(double micros) {
        if (Double.isNaN(micros)) {
            return "n/a";
        }
        return micros >= 1000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000)
                : String.format(Locale.ROOT, "%.3f ms", micros / 1000);
    }
}
