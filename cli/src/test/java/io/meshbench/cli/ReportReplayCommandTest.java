package io.meshbench.cli;

import io.meshbench.event.MeshEvent;
import io.meshbench.record.Recording;
import io.meshbench.record.RecordingReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo --record}, then {@code replay} and {@code report} on the recording, each through ./meshbench. */
class ReportReplayCommandTest {

    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void recordADemoRun() throws Exception {
        recording = dir.resolve("demo.jsonl");
        try (Launcher demo = Launcher.start("demo", "--json", "--prompt", "Describe a sunset", "--record",
                recording.toString())) {
            String out = demo.finish(Duration.ofSeconds(60));
            assertEquals(0, demo.exitCode(), out);
            assertTrue(out.contains("meshbench: recorded "), out);
        }
    }

    @Test
    void theRecordingHoldsTheWholeRun() throws Exception {
        Recording read = RecordingReader.read(recording);
        assertTrue(read.truncation().isEmpty());
        assertEquals("demo", read.header().metadata().get("command"));
        assertEquals(3, read.events().stream().filter(MeshEvent.NodeStarted.class::isInstance).count());
        assertEquals(1, read.events().stream().filter(MeshEvent.TaskCompleted.class::isInstance).count());
        assertEquals(3, read.events().stream().filter(MeshEvent.NodeStopped.class::isInstance).count(),
                "the file is closed after the mesh stopped");
    }

    @Test
    void replayWithTheSameStrategyChangesNothing() throws Exception {
        try (Launcher replay = Launcher.start("replay", recording.toString(), "--strategy", "npu-first")) {
            String out = replay.finish(Duration.ofSeconds(30));
            assertEquals(0, replay.exitCode(), out);
            assertTrue(out.startsWith("0 of 1 auctions in demo.jsonl would have gone to another device with npu-first."), out);
        }
    }

    @Test
    void replayWithLowestCpuPicksTheCpuOnlyDevice() throws Exception {
        try (Launcher replay = Launcher.start("replay", recording.toString(), "--strategy", "lowest-cpu", "--json")) {
            String out = replay.finish(Duration.ofSeconds(30)).strip();
            assertEquals(0, replay.exitCode(), out);
            assertTrue(out.contains("\"auctions\":1,\"differing\":1"), out);
            assertTrue(out.contains("\"recorded_winner\":\"Device_B\""), out);
            assertTrue(out.contains("\"winner\":\"Device_C\""), "Device_C's 32.1% is below Device_B's 45.2%: " + out);
        }
    }

    @Test
    void reportWritesTheHtmlCsvAndJson() throws Exception {
        Path out = dir.resolve("report");
        try (Launcher report = Launcher.start("report", recording.toString(), "--out", out.toString())) {
            String printed = report.finish(Duration.ofSeconds(30));
            assertEquals(0, report.exitCode(), printed);
            assertTrue(printed.lines().anyMatch(l -> l.matches("completed +1")), printed);
            assertTrue(printed.lines().anyMatch(l -> l.matches("tasks on Device_B +1")), printed);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg ") && !html.contains("http://") && !html.contains("https://"));
        assertTrue(Files.readString(out.resolve("tasks.csv")).contains(",completed,,npu-first,2,all-bids,Device_B,true,"));
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"completed\" : 1"));
    }

    @Test
    void aFileThatIsNotARecordingIsRefusedClearly() throws Exception {
        Path bad = dir.resolve("peers.txt");
        Files.writeString(bad, "Device_A 127.0.0.1 9999\n");
        for (String command : new String[]{"report", "replay"}) {
            try (Launcher run = command.equals("report") ? Launcher.start("report", bad.toString())
                    : Launcher.start("replay", bad.toString(), "--strategy", "npu-first")) {
                String out = run.finish(Duration.ofSeconds(30));
                assertEquals(2, run.exitCode(), out);
                assertTrue(out.contains(bad + ":1: not a MeshBench recording: the first line is not JSON"), out);
                assertFalse(out.contains("\tat "), "no stack trace: " + out);
            }
        }
    }

    @Test
    void anUnknownStrategyIsNamed() throws Exception {
        try (Launcher replay = Launcher.start("replay", recording.toString(), "--strategy", "fastest-ever")) {
            String out = replay.finish(Duration.ofSeconds(30));
            assertEquals(2, replay.exitCode(), out);
            assertTrue(out.contains("no selection strategy named \"fastest-ever\""), out);
        }
    }

    @Test
    void stoppingTheProcessLeavesAReadableRecording() throws Exception {
        Path file = dir.resolve("stopped.jsonl");
        try (Launcher demo = Launcher.start("demo", "--record", file.toString())) {
            demo.awaitLine(l -> l.contains("Enter prompt for inference"), Duration.ofSeconds(60));
        } // close() ends the process as Ctrl-C would (SIGTERM): the shutdown hook closes the file
        Recording read = RecordingReader.read(file);
        assertTrue(read.truncation().isEmpty(), read.truncation().toString());
        assertEquals(3, read.events().stream().filter(MeshEvent.NodeStarted.class::isInstance).count(), read.events().toString());
    }
}
