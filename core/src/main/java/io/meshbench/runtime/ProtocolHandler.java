package io.meshbench.runtime;

import io.meshbench.protocol.Message;

/**
 * A state machine of the mesh: it does no I/O, reads no clock and starts no thread, and acts only
 * through the {@link MeshContext} it is started with. A runtime calls its methods one at a time.
 */
public interface ProtocolHandler {

    /** Called once, before any other method. */
    void start(MeshContext context);

    /** A valid message arrived from the peer that heads its line. */
    void onMessage(Message message);

    /** A message this node sent could not be delivered. */
    default void onDeliveryFailed(String peer, Message message, String reason) {
    }

    /** Called once when the node stops. */
    default void stop() {
    }

    /** A short word for the role, shown in events: {@code orchestrator} or {@code device}. */
    String role();
}
