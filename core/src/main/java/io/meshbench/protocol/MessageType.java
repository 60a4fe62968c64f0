package io.meshbench.protocol;

/**
 * The message types of the mesh, as they appear first on a wire line: the seed's four (protocol
 * v0), then the liveness types of protocol v1, sent only to peers that announced {@code "mb": 2}.
 */
public enum MessageType {
    BID_REQUEST, BID_RESPONSE, TASK, RESULT, HEARTBEAT, HEARTBEAT_ACK, ACK, CANCEL;

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
