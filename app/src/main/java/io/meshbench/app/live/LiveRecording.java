package io.meshbench.app.live;

import io.meshbench.live.MeshSession;
import io.meshbench.record.RecordingWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every event of the live mesh written to a recording (JSON Lines, as {@code --record} writes
 * them everywhere), from its start until it is closed; {@code meshbench replay} opens it.
 */
final class LiveRecording implements AutoCloseable {

    private final AutoCloseable subscription;
    private final RecordingWriter writer;

    private LiveRecording(AutoCloseable subscription, RecordingWriter writer) {
        this.subscription = subscription;
        this.writer = writer;
    }

    static LiveRecording start(MeshSession session, Path out) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("command", "workbench");
        metadata.put("mesh", session.description());
        metadata.put("orchestrator", session.orchestratorId());
        metadata.put("strategy", session.strategyName());
        metadata.put("started", Instant.now().toString());
        metadata.put("meshbench", "0.1.0");
        RecordingWriter writer = RecordingWriter.open(out, metadata, 256);
        return new LiveRecording(session.bus().subscribe(writer), writer);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // only a subscription handle
        }
        try {
            writer.close();
        } catch (Exception e) {
            System.err.println("meshbench: the recording did not close cleanly: " + e.getMessage());
        }
    }
}
