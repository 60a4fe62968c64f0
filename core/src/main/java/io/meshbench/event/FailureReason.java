package io.meshbench.event;

/** Why an attempt of a task failed; whether another attempt may help decides a retry. */
public enum FailureReason {
    /** The TASK could not be delivered to the winner. */
    UNDELIVERABLE(true),
    /** The failure detector declared the winner down. */
    PEER_DOWN(true),
    /** The winner restarted (a new incarnation) and lost the run. */
    PEER_RESTARTED(true),
    /** The winner, speaking protocol v1, did not acknowledge the TASK in time. */
    NO_ACK(true),
    /** No RESULT by the attempt's deadline. */
    DEADLINE(true),
    /** The winner refused the task: it was full. */
    REFUSED(true),
    /** The winner's model ran out of time. */
    DEVICE_TIMEOUT(true),
    /** The winner's model failed; another device would likely fail alike, so no retry. */
    DEVICE_FAILED(false),
    /** The orchestrator stopped. */
    STOPPED(false);

    private final boolean retryable;

    FailureReason(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
