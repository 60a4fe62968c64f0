package io.meshbench.health;

/**
 * The phi-accrual failure detector (Hayashibara et al., 2004; the variant Akka and Cassandra use) as a
 * pure function of arrival times: no clock, no state of its own. Phi is how unlikely it is, given the
 * heartbeat intervals seen so far (assumed normal), that a heartbeat still arrives after
 * {@code elapsed}: phi = -log10(P(later)). Phi 1 means a 10 % chance of being wrong about a failure,
 * phi 8 one in a hundred million. The acceptable pause is added to the mean, and the standard deviation
 * has a floor, so that a steady mesh with tiny jitter does not turn suspicious at the first hiccup.
 */
public final class PhiAccrual {

    private PhiAccrual() {
    }

    /**
     * @param elapsedNanos     time since the last heartbeat arrived
     * @param meanNanos        mean interval between heartbeats
     * @param stdDevNanos      their standard deviation
     * @param pauseNanos       a pause taken as normal (added to the mean)
     * @param minStdDevNanos   the floor of the standard deviation
     */
    public static double phi(long elapsedNanos, double meanNanos, double stdDevNanos, long pauseNanos,
                             long minStdDevNanos) {
        double mean = meanNanos + pauseNanos;
        double std = Math.max(stdDevNanos, minStdDevNanos);
        double y = (elapsedNanos - mean) / std;
        // Logistic approximation of the normal CDF (Bowling et al. 2009), as Akka computes it.
        double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
        double phi = elapsedNanos > mean ? -Math.log10(e / (1.0 + e)) : -Math.log10(1.0 - 1.0 / (1.0 + e));
        return Double.isFinite(phi) ? Math.max(0, phi) : Double.MAX_VALUE;
    }

    /** Phi of {@code window}'s intervals after {@code elapsedNanos} of silence. */
    public static double phi(ArrivalWindow window, long elapsedNanos, LivenessSettings settings) {
        return phi(elapsedNanos, window.mean(), window.stdDev(), settings.acceptablePause().toNanos(),
                settings.minStdDev().toNanos());
    }
}
