package io.meshbench.protocol;

/**
 * {@code HEARTBEAT|<orchestrator_id>|{"seq"}}: the orchestrator (or a health monitor) asks a device
 * whether it is alive; the device answers {@link HeartbeatAck} with the same {@code seq}. Sent only
 * to peers that announced liveness support ({@code "mb": 2} or more), and by {@code meshbench
 * health}, which probes on purpose. Protocol v1 (docs/protocol.md, "Liveness and task lifecycle").
 *
 * @param sender the asking node's device id
 * @param seq    a number the sender counts up, echoed in the answer (0 or more)
 */
public record Heartbeat(String sender, long seq) implements Message {

    public Heartbeat {
        Fields.deviceId("sender", sender);
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be zero or more, got " + seq);
        }
    }

    @Override
    public String taskId() {
        return null;
    }
}
