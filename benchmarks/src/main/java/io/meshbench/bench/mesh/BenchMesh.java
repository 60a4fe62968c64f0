package io.meshbench.bench.mesh;

import java.util.concurrent.CompletableFuture;

/**
 * A mesh with one orchestrator that a benchmark drives: a virtual-time one, live nodes on loopback,
 * node processes, shell agents or any mesh of a peers file.
 */
public interface BenchMesh extends AutoCloseable {

    /** Where a round trip ends. */
    enum Phase {
        /** From the broadcast of {@code BID_REQUEST} to the winner chosen. */
        AUCTION,
        /** From the broadcast to the winner's {@code RESULT}. */
        TASK
    }

    /** What this mesh is, for reports: {@code loopback, 10 peers}. */
    String describe();

    /** Number of peers asked for bids. */
    int peers();

    /**
     * Starts one round trip and returns at once; the answer completes with the task id when the
     * phase is reached and fails with the orchestrator's reason when the task fails first.
     */
    CompletableFuture<String> submit(Phase phase);

    /** One round trip, waited for. */
    default void roundTrip(Phase phase) throws Exception {
        submit(phase).get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    void close();
}
