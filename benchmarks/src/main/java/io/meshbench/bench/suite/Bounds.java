package io.meshbench.bench.suite;

import java.util.function.DoubleUnaryOperator;

/**
 * Confidence bounds of a sampled benchmark's percentiles (p50, p99), on which the suite decides whether a
 * latency target is met. A bound is the worse of two:
 * <ul>
 *   <li>the distribution-free order-statistic bound over all samples: the p-quantile of n samples lies, with
 *       99.9% confidence, between the samples of rank {@code np ∓ z·√(np(1−p))} (normal approximation of the
 *       binomial count of samples below the true quantile, z = 3.29, the same 99.9% as JMH's error);</li>
 *   <li>the spread between iterations: the worst (for the upper bound) and best (for the lower) iteration's own
 *       percentile, when there are two or more iterations. Samples of one run are not independent (a pause of
 *       the machine slows a whole stretch of them), and this catches what the first bound would miss.</li>
 * </ul>
 */
final class Bounds {

    /** 99.9% two-sided, as JMH's error. */
    static final double Z = 3.29;

    private Bounds() {
    }

    /**
     * {low, high} of the {@code p}-quantile (0..1).
     *
     * @param percentile   the pooled samples' percentile function (argument 0..100, as JMH's statistics)
     * @param n            how many samples
     * @param perIteration each iteration's own value of the percentile (may be empty)
     */
    static double[] of(DoubleUnaryOperator percentile, long n, double p, double[] perIteration) {
        if (n <= 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double spread = Z * Math.sqrt(n * p * (1 - p));
        double lowRank = Math.max(1, Math.floor(n * p - spread));
        double highRank = Math.min(n, Math.ceil(n * p + spread) + 1);
        double low = percentile.applyAsDouble(100 * lowRank / n);
        double high = percentile.applyAsDouble(100 * highRank / n);
        if (perIteration.length >= 2) {
            for (double v : perIteration) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        return new double[]{low, high};
    }
}
