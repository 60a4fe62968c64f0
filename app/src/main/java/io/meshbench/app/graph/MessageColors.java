package io.meshbench.app.graph;

import javafx.scene.paint.Color;

/** One colour per message type, shared by the graph and the sequence chart. */
public final class MessageColors {

    public static final String[] TYPES = {"BID_REQUEST", "BID_RESPONSE", "TASK", "RESULT", "ERROR"};

    private MessageColors() {
    }

    public static Color of(String type) {
        return switch (type) {
            case "BID_REQUEST" -> Color.web("#58a6ff");
            case "BID_RESPONSE" -> Color.web("#bc8cff");
            case "TASK" -> Color.web("#f0883e");
            case "RESULT" -> Color.web("#3fb950");
            default -> Color.web("#f85149");
        };
    }
}
