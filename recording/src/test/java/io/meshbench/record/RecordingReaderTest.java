package io.meshbench.record;

import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recordings cut short, and files that are not recordings. */
class RecordingReaderTest {

    @TempDir
    Path dir;

    private Path recorded() throws IOException {
        Path file = dir.resolve("run.jsonl");
        try (RecordingWriter writer = RecordingWriter.open(file, Map.of("command", "test"))) {
            SampleEvents.all().forEach(writer);
        }
        return file;
    }

    @Test
    void aRecordingCutAtAnyByteOfItsLastLineReadsUpToItsLastWholeEvent() throws Exception {
        byte[] whole = Files.readAllBytes(recorded());
        List<MeshEvent> all = SampleEvents.all();
        int lastLineStart = lastIndexOf(whole, (byte) '\n', whole.length - 2) + 1;
        for (int cut = lastLineStart + 1; cut < whole.length - 1; cut++) {
            Path file = dir.resolve("cut.jsonl");
            Files.write(file, Arrays.copyOf(whole, cut));
            Recording recording = RecordingReader.read(file);
            assertEquals(all.subList(0, all.size() - 1), recording.events(), "cut at byte " + cut);
            String why = recording.truncation().orElseThrow(() -> new AssertionError("no truncation reported"));
            assertTrue(why.contains(":" + (all.size() + 1) + ": the last line is cut short"), why);
            assertTrue(why.contains("read the " + (all.size() - 1) + " whole events"), why);
        }
    }

    @Test
    void aRecordingCutRightAfterANewlineIsWhole() throws Exception {
        byte[] whole = Files.readAllBytes(recorded());
        int lastLineStart = lastIndexOf(whole, (byte) '\n', whole.length - 2) + 1;
        Path file = dir.resolve("cut.jsonl");
        Files.write(file, Arrays.copyOf(whole, lastLineStart));
        Recording recording = RecordingReader.read(file);
        assertEquals(SampleEvents.all().size() - 1, recording.events().size());
        assertTrue(recording.truncation().isEmpty());
    }

    @Test
    void aBrokenLineBeforeTheEndIsRefusedWithItsLineNumber() throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(recorded()));
        lines.set(3, lines.get(3).substring(0, 20));
        Path file = dir.resolve("broken.jsonl");
        Files.write(file, lines);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> RecordingReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ":4: not a valid event ("), e.getMessage());
    }

    @Test
    void anEventOfAnUnknownTypeIsSkippedWithAWarning() throws Exception {
        Path file = recorded();
        Files.writeString(file, "{\"event\":\"FutureThing\",\"time\":1,\"node\":\"X\"}\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Recording recording = RecordingReader.read(file);
        assertEquals(SampleEvents.all(), recording.events());
        assertEquals(1, recording.warnings().size());
        assertTrue(recording.warnings().get(0).contains("\"FutureThing\", which this MeshBench does not know"),
                recording.warnings().get(0));
    }

    @Test
    void anEventWithoutTypeIsRefused() throws Exception {
        Path file = recorded();
        Files.writeString(file, "{\"time\":1,\"node\":\"X\"}\n{\"event\":\"NodeStopped\",\"time\":2,\"node\":\"Y\"}\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> RecordingReader.read(file));
        assertTrue(e.getMessage().contains(":" + (SampleEvents.all().size() + 2) + ": the event has no \"event\" field"),
                e.getMessage());
    }

    @Test
    void aMissingFieldIsRefusedNotDefaulted() throws Exception {
        Path file = dir.resolve("missing.jsonl");
        Files.writeString(file, RecordingWriter.headerLine(RecordingHeader.now(Map.of())) + "\n"
                + "{\"event\":\"NodeStarted\",\"time\":1,\"node\":\"A\",\"role\":\"device\"}\n"
                + "{\"event\":\"NodeStopped\",\"time\":2,\"node\":\"A\"}\n");
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> RecordingReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ":2: not a valid event (Missing creator property 'address'"),
                e.getMessage());
    }

    private void assertRefused(String content, String expected) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> RecordingReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ":1: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void badHeadersAreRefusedNamingTheFileAndWhatIsWrong() throws Exception {
        assertRefused("", "the file is empty; a MeshBench recording starts with a line like {\"format\": "
                + "\"meshbench-recording\", \"version\": 2");
        assertRefused("BID_REQUEST|Device_A|{}\n", "not a MeshBench recording: the first line is not JSON");
        assertRefused("{\"format\":\"something-else\",\"version\":1}\n",
                "not a MeshBench recording: the first line has \"format\": \"something-else\"");
        assertRefused("{\"type\":\"NodeStarted\"}\n", "not a MeshBench recording: the first line has no \"format\" field");
        assertRefused("{\"format\":\"meshbench-recording\",\"version\":3,\"created\":\"2025-01-01T00:00:00Z\"}\n",
                "recording format version 3 is newer than this MeshBench reads (2); read it with a newer MeshBench");
        assertRefused("{\"format\":\"meshbench-recording\",\"version\":0,\"created\":\"2025-01-01T00:00:00Z\"}\n",
                "recording format version 0 is not one this MeshBench reads (it reads versions 1 to 2)");
        assertRefused("{\"format\":\"meshbench-recording\",\"version\":\"1\"}\n",
                "the header's \"version\" must be a whole number, got \"1\"");
        assertRefused("{\"format\":\"meshbench-recording\",\"version\":1,\"created\":\"yesterday\"}\n",
                "the header's \"created\" must be an ISO-8601 instant");
        assertRefused("{\"format\":\"meshbench-rec", "the header line is cut short");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nope.jsonl");
        IOException e = assertThrows(IOException.class, () -> RecordingReader.read(file));
        assertTrue(e.getMessage().contains("nope.jsonl") && e.getMessage().contains("no such recording"), e.getMessage());
    }

    private static int lastIndexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aVersion1RecordingWithItsTwoTypeKeysIsStillRead() throws Exception {
        // Written by MeshBench before format 2: the event's kind and a message's type both under "type".
        Path file = dir.resolve("v1.jsonl");
        Files.writeString(file, "{\"format\":\"meshbench-recording\",\"version\":1,\"created\":\"2026-01-01T00:00:00Z\","
                + "\"metadata\":{}}\n"
                + "{\"type\":\"MessageSent\",\"time\":5,\"node\":\"Device_A\",\"peer\":\"Device_B\",\"type\":\"TASK\","
                + "\"taskId\":\"task_1\",\"line\":\"TASK|Device_A|{}\"}\n"
                + "{\"type\":\"TaskExecuted\",\"time\":9,\"node\":\"Device_B\",\"taskId\":\"task_1\",\"status\":\"completed\","
                + "\"error\":null,\"promptTokens\":-1,\"generatedTokens\":-1,\"elapsedNanos\":4}\n",
                StandardCharsets.UTF_8);
        Recording recording = RecordingReader.read(file);
        assertEquals(1, recording.header().version());
        assertEquals(List.of(new io.meshbench.event.MeshEvent.MessageSent(5, "Device_A", "Device_B", "TASK", "task_1",
                        "TASK|Device_A|{}"),
                new io.meshbench.event.MeshEvent.TaskExecuted(9, "Device_B", "task_1",
                        io.meshbench.plugin.api.SlmResult.Status.COMPLETED, null, -1, -1, 4)), recording.events());
    }
}
