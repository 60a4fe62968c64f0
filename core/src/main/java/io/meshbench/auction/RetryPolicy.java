package io.meshbench.auction;

import io.meshbench.event.FailureReason;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What happens after an attempt of a task fails: another attempt or not, with whom, and when. A
 * failed attempt goes to the next bidder of the same auction that is still usable at once; when none
 * is left, a fresh auction opens after an exponential back-off with jitter; after
 * {@code maxAttempts} TASKs, or for a reason not in {@code retryOn}, the task ends.
 *
 * @param maxAttempts   TASKs sent per task at most (the retry budget plus one)
 * @param backoff       the back-off before the first fresh auction; doubled for each one after it
 * @param maxBackoff    the longest back-off
 * @param freshAuctions whether a fresh auction may open when the ranking is used up
 * @param retryOn       the reasons worth another attempt
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration maxBackoff, boolean freshAuctions,
                          Set<FailureReason> retryOn) {

    /**
     * The seed orchestrator's behaviour before liveness: a refusing or unreachable winner passes
     * the task to the next bidder of the same auction; nothing else is retried.
     */
    public static final RetryPolicy SEED = new RetryPolicy(Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO, false,
            EnumSet.of(FailureReason.REFUSED, FailureReason.UNDELIVERABLE));

    /** Four attempts; fresh auctions after 200 ms, 400 ms, ... (at most 5 s); every retryable reason. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), true,
            retryable());

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max_attempts must be 1 or more, got " + maxAttempts);
        }
        if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("back-off must be 0 or more and at most its maximum, got " + backoff
                    + " and " + maxBackoff);
        }
        retryOn = retryOn.isEmpty() ? EnumSet.noneOf(FailureReason.class) : EnumSet.copyOf(retryOn);
    }

    /** This policy with another budget. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, backoff, maxBackoff, freshAuctions, retryOn);
    }

    /** Every reason that another attempt may cure. */
    public static Set<FailureReason> retryable() {
        EnumSet<FailureReason> set = EnumSet.noneOf(FailureReason.class);
        for (FailureReason r : FailureReason.values()) {
            if (r.retryable()) {
                set.add(r);
            }
        }
        return set;
    }

    /** Whether an attempt that failed for {@code reason}, after {@code attempts} TASKs, may be followed by another. */
    public boolean mayRetry(FailureReason reason, int attempts) {
        return retryOn.contains(reason) && attempts < maxAttempts;
    }

    /** The wait before fresh auction number {@code round} (1 for the first re-auction), with jitter from {@code random}. */
    public Duration backoffBefore(int round, RandomGenerator random) {
        if (backoff.isZero()) {
            return Duration.ZERO;
        }
        long base = backoff.toNanos() << Math.min(20, Math.max(0, round - 1));
        long capped = Math.min(base, maxBackoff.toNanos());
        // "equal jitter": half fixed, half random, so retries of many tasks do not arrive together
        return Duration.ofNanos(capped / 2 + random.nextLong(capped / 2 + 1));
    }
}
