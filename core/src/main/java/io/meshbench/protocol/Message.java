package io.meshbench.protocol;

/**
 * One message of the mesh. Every message names its sender, the device id that heads the wire line;
 * a reply goes to the sender's address as the peer directory maps that id.
 */
public sealed interface Message permits BidRequest, BidResponse, TaskRequest, TaskResult, Heartbeat, HeartbeatAck, TaskAck,
        TaskCancel {

    /** The device id of the sender (the second field of the wire line). */
    String sender();

    /** The task this message belongs to, or {@code null} for a seed-format bid that names none. */
    String taskId();

    /** The type that heads the wire line. */
    default MessageType type() {
        return switch (this) {
            case BidRequest m -> MessageType.BID_REQUEST;
            case BidResponse m -> MessageType.BID_RESPONSE;
            case TaskRequest m -> MessageType.TASK;
            case TaskResult m -> MessageType.RESULT;
            case Heartbeat m -> MessageType.HEARTBEAT;
            case HeartbeatAck m -> MessageType.HEARTBEAT_ACK;
            case TaskAck m -> MessageType.ACK;
            case TaskCancel m -> MessageType.CANCEL;
        };
    }
}
