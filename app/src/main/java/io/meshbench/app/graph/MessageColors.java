package io.meshbench.app.graph;

import javafx.scene.paint.Color;

/** One colour per message type, shared by the graph and the sequence chart. */
public final class MessageColors {

    public static final String[] TYPES = {"BID_REQUEST", "BID_RESPONSE", "TASK", "ACK", "RESULT", "CANCEL", "ERROR"};

    private MessageColors() {
    }

    public static Color of(String type) {
        return switch (type) {
            case "BID_REQUEST" -> Color.web("#58a6ff");
            case "BID_RESPONSE" -> Color.web("#bc8cff");
            case "TASK" -> Color.web("#f0883e");
            case "RESULT" -> Color.web("#3fb950");
            // protocol v1 (failover): a device's acknowledgement, and the orchestrator calling an attempt off
            case "ACK" -> Color.web("#39c5cf");
            case "CANCEL" -> Color.web("#d29922");
            case "HEARTBEAT", "HEARTBEAT_ACK" -> Color.web("#8b949e");
            default -> Color.web("#f85149");
        };
    }
}
