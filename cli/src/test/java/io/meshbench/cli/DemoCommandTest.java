package io.meshbench.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code printf 'Describe a sunset\nexit\n' | ./meshbench demo}, as the README runs it. */
class DemoCommandTest {

    @Test
    void pipedPromptShowsTheSeedConsoleAndAResultFromDeviceB() throws Exception {
        try (Launcher demo = Launcher.start("demo")) {
            String out = demo.input("Describe a beautiful sunset over the ocean\nexit\n").finish(Duration.ofSeconds(60));
            assertEquals(0, demo.exitCode(), out);
            assertTrue(out.contains("P2P MESH ORCHESTRATOR"), out);
            assertTrue(out.matches("(?s).*Connected Peers: 2\n  - Device_B \\(127\\.0\\.0\\.1:\\d+\\)\n"
                    + "  - Device_C \\(127\\.0\\.0\\.1:\\d+\\).*"), out);
            assertTrue(out.contains("Enter prompt for inference (or 'exit' to quit):"), out);
            assertTrue(out.contains("🎯 EVALUATING BIDS (NPU-First Strategy)"), out);
            assertTrue(out.contains("Device: Device_B\n  NPU: ✓ YES\n  CPU Load: 45.20%\n  Battery: 85%"), out);
            assertTrue(out.contains("Device: Device_C\n  NPU: ✗ NO\n  CPU Load: 32.10%\n  Battery: 92%"), out);
            assertTrue(out.contains("🏆 WINNER (NPU Priority): Device_B"), out);
            assertTrue(out.contains("📊 Winner Details:\n   Device: Device_B\n   Type: NPU"), out);
            assertTrue(out.contains("✅ RESULT from Device_B"), out);
            assertTrue(out.contains("[simulated] "), out);
        }
    }

    @Test
    void oneJsonLinePerTaskWithJson() throws Exception {
        try (Launcher demo = Launcher.start("demo", "--json", "--prompt", "Describe a sunset",
                "--npu-prompt", "[NPU Optimized] {prompt}")) {
            String out = demo.finish(Duration.ofSeconds(60)).strip();
            assertEquals(0, demo.exitCode(), out);
            assertTrue(out.startsWith("{\"task_id\":\"task_1_"), out);
            assertTrue(out.contains("\"status\":\"completed\",\"device_id\":\"Device_B\""), out);
            assertTrue(out.contains("\"rule\":\"NPU Priority\""), out);
            assertEquals(1, out.lines().count(), out);
        }
    }

    @Test
    void aBadOptionGetsAClearErrorAndExitCode2() throws Exception {
        try (Launcher demo = Launcher.start("demo", "--strategy", "fastest-ever")) {
            String out = demo.finish(Duration.ofSeconds(30));
            assertEquals(2, demo.exitCode(), out);
            assertTrue(out.contains("no selection strategy named \"fastest-ever\"; available: npu-first"), out);
            assertTrue(!out.contains("\tat "), "no stack trace: " + out);
        }
    }
}
