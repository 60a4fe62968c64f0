package io.meshbench.record;

import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A flood of junk cannot grow a recording without bound, and the cap is visible in it. */
class RecordingCapTest {

    @Test
    void pastItsCapARecordingEndsWithANoteAndStaysReadable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.jsonl");
        try (RecordingWriter writer = RecordingWriter.open(file, Map.of("command", "test"), 1, 20_000)) {
            for (int i = 0; i < 10_000; i++) {
                writer.accept(new MeshEvent.InputRejected(i, "Device_A", "10.0.0.9:4000", "junk line " + i, "x".repeat(50)));
            }
        }
        assertTrue(Files.size(file) < 21_000, "file of " + Files.size(file) + " bytes");
        Recording recording = RecordingReader.read(file);
        MeshEvent.NodeError note = assertInstanceOf(MeshEvent.NodeError.class, recording.events().getLast());
        assertTrue(note.reason().startsWith("recording capped at 20000 bytes"), note.reason());
        assertEquals(MeshEvent.InputRejected.class, recording.events().getFirst().getClass());
    }
}
