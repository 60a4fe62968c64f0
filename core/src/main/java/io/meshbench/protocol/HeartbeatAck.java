package io.meshbench.protocol;

/**
 * {@code HEARTBEAT_ACK|<device_id>|{"seq", "incarnation", "running"}}: a device's answer to a
 * {@link Heartbeat}. The incarnation changes whenever the device's agent restarts, so that an
 * orchestrator can tell a device that came back (and lost its running tasks) from one that never
 * went away. Protocol v1.
 *
 * @param sender      the device's id
 * @param seq         the heartbeat's {@code seq}
 * @param incarnation a word that stays the same for the life of the device's agent
 * @param running     tasks the device runs now (0 or more)
 */
public record HeartbeatAck(String sender, long seq, String incarnation, int running) implements Message {

    public HeartbeatAck {
        Fields.deviceId("sender", sender);
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be zero or more, got " + seq);
        }
        Fields.nonEmpty("incarnation", incarnation);
        if (incarnation.length() > 64) {
            throw new IllegalArgumentException("incarnation must be at most 64 characters, got " + incarnation.length());
        }
        if (running < 0) {
            throw new IllegalArgumentException("running must be zero or more, got " + running);
        }
    }

    @Override
    public String taskId() {
        return null;
    }
}
