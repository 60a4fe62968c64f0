package io.meshbench.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Priorities and deadlines from the console and the command line, in the launcher's own JVM. */
class PriorityConsoleTest {

    @Test
    void consoleCommandsSetThePriorityAndDeadlineOfThePromptsThatFollow() throws Exception {
        try (Launcher demo = Launcher.start("demo", "--strategy", "least-finish")) {
            String out = demo.input("/priority high\n/deadline 0.05\nDescribe a sunset\n/deadline off\nDescribe the sea\n/priority urgent\n"
                    + "/deadline soon\n/queue\nexit\n").finish(Duration.ofSeconds(60));
            assertEquals(1, demo.exitCode(), "the prompt past its deadline failed: " + out);
            assertTrue(out.contains("Priority: high for the prompts that follow"), out);
            assertTrue(out.contains("Deadline: 0.05 s for the prompts that follow"), out);
            assertTrue(out.contains("failed: deadline of 0.050 s passed while"), out);
            assertTrue(out.contains("Deadline: none for the prompts that follow"), out);
            assertTrue(out.contains("⚠️  unknown priority \"urgent\"; use one of high, normal, low"), out);
            assertTrue(out.contains("⚠️  /deadline needs a number of seconds, or off; got \"soon\""), out);
            assertTrue(out.contains("⚠️  unknown command /queue; commands: /priority high|normal|low, /deadline SECONDS|off"), out);
            assertTrue(out.contains("🏆 WINNER (Idle NPU): Device_B"), out);
        }
    }

    @Test
    void aDeadlineOnTheCommandLineEndsTheTaskWithThatReason() throws Exception {
        try (Launcher demo = Launcher.start("demo", "--json", "--deadline", "0.05", "--priority", "LOW",
                "--prompt", "Describe a sunset")) {
            String out = demo.finish(Duration.ofSeconds(60)).strip();
            assertEquals(1, demo.exitCode(), out);
            assertTrue(out.contains("\"status\":\"failed\"") && out.contains("deadline of 0.050 s passed while"), out);
        }
    }

    @Test
    void aWrongPriorityIsRefusedBeforeTheMeshStarts() throws Exception {
        try (Launcher demo = Launcher.start("demo", "--priority", "urgent", "--prompt", "x")) {
            String out = demo.finish(Duration.ofSeconds(30));
            assertEquals(2, demo.exitCode(), out);
            assertTrue(out.contains("--priority: unknown priority \"urgent\"; use one of high, normal, low"), out);
            assertTrue(!out.contains("P2P MESH ORCHESTRATOR") && !out.contains("\tat "), out);
        }
    }
}
