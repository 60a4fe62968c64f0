package io.meshbench.protocol;

/** The four message types of the mesh, as they appear first on a wire line. */
public enum MessageType {
    BID_REQUEST, BID_RESPONSE, TASK, RESULT;

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
