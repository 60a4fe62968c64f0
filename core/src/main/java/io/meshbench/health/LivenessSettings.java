package io.meshbench.health;

import java.time.Duration;

/**
 * How a mesh watches its peers; every interval is configurable per mesh (scenario
 * {@code orchestrator.liveness}, CLI {@code --heartbeat} and friends).
 *
 * @param heartbeatInterval time between heartbeats to a watched peer
 * @param acceptablePause   a silence taken as normal on top of the mean interval
 * @param minStdDev         floor of the heartbeat intervals' standard deviation
 * @param suspectPhi        phi at which a peer turns suspect
 * @param downPhi           phi at which a peer is declared down
 * @param windowSize        heartbeat intervals remembered per peer
 * @param suspectBidWait    how long an auction waits for a suspect peer's bid, from its opening
 * @param ackTimeout        how long a TASK may go unacknowledged by a peer that speaks protocol v1
 * @param watchAllUpTo      heartbeat every peer when there are at most this many; above it, only peers
 *                          that run a task of ours or are not up
 */
public record LivenessSettings(Duration heartbeatInterval, Duration acceptablePause, Duration minStdDev,
                               double suspectPhi, double downPhi, int windowSize, Duration suspectBidWait,
                               Duration ackTimeout, int watchAllUpTo) {

    /** Detects a dead peer in about 1.6 s with a 500 ms heartbeat. */
    public static final LivenessSettings DEFAULT = new LivenessSettings(Duration.ofMillis(500),
            Duration.ofMillis(500), Duration.ofMillis(100), 1.0, 8.0, 100, Duration.ofMillis(250),
            Duration.ofSeconds(3), 64);

    public LivenessSettings {
        if (!positive(heartbeatInterval) || acceptablePause.isNegative() || !positive(minStdDev)
                || suspectBidWait.isNegative() || !positive(ackTimeout)) {
            throw new IllegalArgumentException("liveness intervals must be positive: heartbeat " + heartbeatInterval
                    + ", pause " + acceptablePause + ", min std dev " + minStdDev + ", suspect bid wait "
                    + suspectBidWait + ", ack timeout " + ackTimeout);
        }
        if (!(suspectPhi > 0 && downPhi > suspectPhi)) {
            throw new IllegalArgumentException("phi thresholds must be 0 < suspect < down, got suspect " + suspectPhi
                    + " and down " + downPhi);
        }
        if (windowSize < 2 || watchAllUpTo < 0) {
            throw new IllegalArgumentException("window size must be at least 2 and watch_all_up_to 0 or more, got "
                    + windowSize + " and " + watchAllUpTo);
        }
    }

    /** These settings with another heartbeat interval, the pause scaled along. */
    public LivenessSettings withHeartbeat(Duration interval) {
        return new LivenessSettings(interval, interval, minStdDev, suspectPhi, downPhi, windowSize, suspectBidWait,
                ackTimeout, watchAllUpTo);
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
