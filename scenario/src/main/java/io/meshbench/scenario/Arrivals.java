package io.meshbench.scenario;

import java.util.random.RandomGenerator;

/** The gaps between a workload's prompts: fixed, Poisson (exponential gaps) or bursts. */
final class Arrivals {
    private final Scenario.Arrival arrival;
    private final RandomGenerator random;
    private int inBurst;

    Arrivals(Scenario.Arrival arrival, RandomGenerator random) {
        this.arrival = arrival;
        this.random = random;
    }

    /** Nanoseconds from one prompt to the next. */
    long nextGapNanos() {
        return switch (arrival.process()) {
            case "poisson" -> (long) (-Math.log(1.0 - random.nextDouble()) / arrival.rate() * 1e9);
            case "bursts" -> {
                if (++inBurst < arrival.burstSize()) {
                    yield 0;
                }
                inBurst = 0;
                yield arrival.burstEvery().toNanos();
            }
            default -> (long) (1e9 / arrival.rate());
        };
    }

    /** The first prompt's offset from the workload's start: spread so that meshes do not all fire at once. */
    long firstOffsetNanos() {
        return arrival.process().equals("bursts") ? 0 : (long) (random.nextDouble() * 1e9 / arrival.rate());
    }
}
