package io.meshbench.event;

/** What an orchestrator believes of a peer, from its heartbeats and everything else it heard. */
public enum PeerState {
    /** Heard from regularly. */
    UP,
    /** Late, silent in an auction, or unreachable once: asked for bids but not waited for, given no new task. */
    SUSPECT,
    /** The failure detector gave up on it: its tasks go elsewhere, it is not asked for bids. */
    DOWN,
    /** Heard from again after it was down, or restarted (a new incarnation): usable, watched. */
    REJOINED;

    /** Whether a task may be given to a peer in this state. */
    public boolean usable() {
        return this == UP || this == REJOINED;
    }
}
