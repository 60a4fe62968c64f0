package io.meshbench.runtime;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.PluginContext.Cancellable;
import io.meshbench.protocol.Message;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * All a state machine may do to the world. A runtime implements it: the live runtime with real
 * sockets and the wall clock, the virtual-time runtime with an event queue. Every callback the
 * context makes into the state machine (a scheduled action, a posted action, a delivery failure)
 * runs on the state machine's own thread, one at a time.
 */
public interface MeshContext {

    /** This node's device id. */
    String self();

    /** Current time in nanoseconds since the epoch. */
    long now();

    /** The ids of the peers this node knows, itself excluded, in a stable order. */
    List<String> peers();

    /** Whether {@code id} is one of {@link #peers()}; runtimes answer it without building the list. */
    default boolean isPeer(String id) {
        return !id.equals(self()) && peers().contains(id);
    }

    /**
     * The MeshBench extension level {@code peer} announced on its lines ({@code "mb"}), 0 for a peer
     * not heard from yet or a seed peer. Protocol v1's liveness types (heartbeats, ACK, CANCEL) go only
     * to peers at level 1 or more.
     */
    default int extensionLevel(String peer) {
        return 0;
    }

    /** Sends {@code message} to the peer with id {@code peer}; failures come back through {@link ProtocolHandler#onDeliveryFailed}. */
    void send(String peer, Message message);

    /** Runs {@code action} on this node's thread after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable action);

    /** Runs {@code action} on this node's thread as soon as it is free: the way back in for work done elsewhere. */
    void post(Runnable action);

    /** Publishes an event. */
    void emit(MeshEvent event);

    /** This node's random source, derived from the run's seed. */
    RandomGenerator random();
}
