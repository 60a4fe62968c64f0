package io.meshbench.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What each suite size runs. */
final class Suites {

    private Suites() {
    }

    static final List<String> TYPES = List.of("BID_REQUEST", "BID_RESPONSE", "TASK", "RESULT");
    static final List<String> STRATEGIES = List.of("npu-first", "lowest-cpu", "weighted", "battery-aware",
            "least-finish", "fastest-expected");
    static final List<String> BIDS = List.of("3", "10", "100", "1000", "10000");

    static List<Step> steps(BenchSuite.Size size, boolean peersFile) {
        List<Step> steps = new ArrayList<>();
        switch (size) {
            case SMOKE -> {
                // every benchmark method once, on every kind of mesh, as briefly as JMH allows
                steps.add(new Step("codec", "CodecBenchmark", Map.of("type", List.of("BID_RESPONSE")), 0, 50, 1, 50));
                steps.add(new Step("selection", "SelectionBenchmark", Map.of("strategy", STRATEGIES, "bids",
                        List.of("3")), 0, 50, 1, 50));
                steps.add(roundTrip("roundtrip", List.of("virtual", "loopback", "loopback-tls", "process", "shell",
                        "shell-per-bid"), List.of("3"), 0, 100, 1, 100));
                steps.add(new Step("security", "SecurityBenchmark", Map.of(), 0, 100, 1, 300));
            }
            case QUICK -> {
                steps.add(new Step("codec", "CodecBenchmark", Map.of("type", TYPES), 3, 300, 5, 300));
                steps.add(new Step("selection", "SelectionBenchmark", Map.of("strategy", STRATEGIES, "bids", BIDS),
                        1, 300, 2, 300));
                steps.add(roundTrip("roundtrip-virtual", List.of("virtual"), List.of("3", "10", "100", "1000"), 1, 500, 2, 500));
                steps.add(roundTrip("roundtrip-loopback", List.of("loopback"), List.of("3", "10", "100"), 1, 1000, 2, 1000));
                steps.add(roundTrip("roundtrip-loopback-tls", List.of("loopback-tls"), List.of("3"), 1, 1000, 2, 1000));
                steps.add(new Step("security", "SecurityBenchmark", Map.of(), 1, 1000, 2, 1000));
                steps.add(roundTrip("roundtrip-process", List.of("process"), List.of("3"), 1, 1000, 1, 2000));
                steps.add(roundTrip("roundtrip-shell", List.of("shell"), List.of("3"), 1, 1000, 1, 2000));
                steps.add(roundTrip("roundtrip-shell-per-bid", List.of("shell-per-bid"), List.of("3"), 1, 1000, 1, 3000));
            }
            case FULL -> {
                // Codec: ten half-second samples after five of warm-up (about 1.5 million operations and
                // several young collections each), so that JMH's 99.9% error, 1.5 standard deviations
                // at ten samples (3.9 at five), stays under 10%: 8 runs of 7.5 s, about 70 s in all.
                steps.add(new Step("codec", "CodecBenchmark", Map.of("type", TYPES), 5, 500, 10, 500));
                // Selection: simple loops, compiled within the first warm-up; 6 strategies x 5 sizes
                // of 4 s each, about 2.5 minutes with the forks.
                steps.add(new Step("selection", "SelectionBenchmark", Map.of("strategy", STRATEGIES, "bids", BIDS),
                        2, 500, 6, 500));
                steps.add(roundTrip("roundtrip-virtual", List.of("virtual"), List.of("3", "10", "100", "1000", "10000"),
                        2, 1000, 5, 1000));
                steps.add(roundTrip("roundtrip-loopback", List.of("loopback"), List.of("3", "10", "100", "1000"),
                        2, 2000, 5, 2000));
                steps.add(roundTrip("roundtrip-loopback-tls", List.of("loopback-tls"), List.of("3", "10"), 2, 2000, 5, 2000));
                steps.add(new Step("security", "SecurityBenchmark", Map.of(), 2, 2000, 5, 2000));
                steps.add(roundTrip("roundtrip-process", List.of("process"), List.of("3", "10"), 2, 2000, 3, 3000));
                steps.add(roundTrip("roundtrip-shell", List.of("shell"), List.of("3", "10"), 1, 2000, 3, 3000));
                steps.add(roundTrip("roundtrip-shell-per-bid", List.of("shell-per-bid"), List.of("3"), 1, 2000, 3, 5000));
            }
        }
        if (peersFile) {
            steps.add(roundTrip("roundtrip-peers", List.of("peers"), List.of("0"), 1, 2000,
                    size == BenchSuite.Size.FULL ? 3 : 1, 3000));
        }
        return steps;
    }

    private static Step roundTrip(String name, List<String> meshes, List<String> peers, int warmups, int warmupMs,
                                  int iterations, int iterationMs) {
        return new Step(name, "RoundTripBenchmark", Map.of("mesh", meshes, "peers", peers), warmups, warmupMs,
                iterations, iterationMs);
    }

    /**
     * Open-loop rates tried with 10 peers on loopback, lowest first, for auctions and then for full tasks; each
     * series stops at the first rate whose median p99 misses. The full suite's list ends at the goal (15,000
     * tasks/s): with 3 × 20 s a rate, both series at most 2 × 3 × 3 × 20 s = 6 min, which keeps the whole
     * {@code bench --suite full} near 20 minutes on a 2-core machine.
     */
    static double[] loadRates(BenchSuite.Size size) {
        return switch (size) {
            case SMOKE -> new double[]{200};
            case SCALE -> new double[0];
            case QUICK -> new double[]{2500, 5000, 10000, 15000};
            case FULL -> new double[]{5000, 10000, 15000};
        };
    }

    /** How many times each open-loop rate runs (the median and spread of its p50 and p99 are reported). */
    static int loadRepeats(BenchSuite.Size size) {
        return switch (size) {
            case SMOKE -> 1;
            case SCALE -> 0;
            case QUICK -> 2;
            case FULL -> 3;
        };
    }

    /** How long one open-loop run lasts. */
    static int loadStepMs(BenchSuite.Size size) {
        return switch (size) {
            case SMOKE -> 300;
            case SCALE -> 0;
            case QUICK -> 5000;
            case FULL -> 20000;
        };
    }

    /** How long each probe of other work watches the machine (see {@link OtherWork}). */
    static int probeMs(BenchSuite.Size size) {
        return size == BenchSuite.Size.SMOKE ? 50 : 500;
    }
}
