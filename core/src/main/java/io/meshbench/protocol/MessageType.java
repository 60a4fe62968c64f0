package io.meshbench.protocol;

/**
 * The message types of the mesh, as they appear first on a wire line: the seed's four (protocol
 * v0), then the liveness types of protocol v1, sent only to peers that announced {@code "mb": 2}.
 */
public enum MessageType {
    BID_REQUEST, BID_RESPONSE, TASK, RESULT, HEARTBEAT, HEARTBEAT_ACK, ACK, CANCEL;

    /**
     * Whether {@code type} is liveness chatter (HEARTBEAT, HEARTBEAT_ACK): two a second per peer, so the
     * runtimes publish no message event for them (their meaning is in {@code PeerStateChanged}), lest
     * they drown the sequence chart, the console and recordings. Failed deliveries are still reported.
     */
    public static boolean isHeartbeat(MessageType type) {
        return type == HEARTBEAT || type == HEARTBEAT_ACK;
    }

    private static final MessageType[] ALL = values();

    /** The type named by {@code line}'s first {@code length} characters, or {@code null}; no substring is made. */
    public static MessageType parse(String line, int length) {
        for (MessageType t : ALL) {
            String name = t.name();
            if (name.length() == length && line.startsWith(name)) {
                return t;
            }
        }
        return null;
    }

    /** The type named {@code token}, or {@code null} when no type has that name. */
    public static MessageType parse(String token) {
        for (MessageType t : values()) {
            if (t.name().equals(token)) {
                return t;
            }
        }
        return null;
    }
}
