package io.meshbench.app.playback;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scenario open} and {@code replay FILE} through ./meshbench: a bad file or no screen is one clear line. */
class PlaybackLauncherTest {

    private static final Path ROOT = Path.of(System.getProperty("meshbench.root", ".."));

    @TempDir
    Path dir;

    private record Run(int code, String out) {
    }

    private static Run withoutDisplay(String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(ROOT.resolve("meshbench").toAbsolutePath().toString());
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().put("MESHBENCH_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not end");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void aBadScenarioIsRefusedOnTheTerminalWithItsPlace() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nduration: soon\n");
        Run run = withoutDisplay("scenario", "open", bad.toString());
        assertEquals(2, run.code(), run.out());
        assertEquals("meshbench: " + bad + ":2:11: duration: must be a duration such as 250ms, 10s, 5m or 1h, got \"soon\"",
                run.out());
    }

    @Test
    void withoutAScreenTheScenarioAndTheReplayWindowsSaySoInOneLine() throws Exception {
        Path recording = dir.resolve("run.jsonl");
        Files.writeString(recording, "{\"format\":\"meshbench-recording\",\"version\":1,\"created\":\"2026-01-01T00:00:00Z\"}\n");
        for (String[] args : new String[][]{{"scenario", "open", ROOT.resolve("scenarios/seed.yaml").toString()},
                {"--scenario", ROOT.resolve("scenarios/seed.yaml").toString()}, {"replay", recording.toString()}}) {
            Run run = withoutDisplay(args);
            assertEquals(2, run.code(), run.out());
            assertEquals(1, run.out().lines().count(), run.out());
            assertTrue(run.out().contains("no display") && run.out().contains("xvfb-run"), run.out());
            assertFalse(run.out().contains("Exception"), run.out());
        }
    }

    @Test
    void aFileThatIsNotARecordingIsRefusedBeforeAnyWindow() throws Exception {
        Path notOne = dir.resolve("notes.txt");
        Files.writeString(notOne, "hello\n");
        Run run = withoutDisplay("replay", notOne.toString());
        assertEquals(2, run.code(), run.out());
        assertTrue(run.out().startsWith("meshbench: " + notOne + ":1: not a MeshBench recording"), run.out());
    }
}
