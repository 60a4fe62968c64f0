package io.meshbench.cli;

import io.meshbench.plugins.llama.testing.TinyGguf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher with a real model: the demo's devices running the tiny GGUF model in process, and
 * {@code calibrate} on it, whose profile a virtual-time scenario then runs on. Each in its own JVM,
 * which must end by itself after the model is closed.
 */
class RealEngineCommandsTest {

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = TinyGguf.write(dir.resolve("tiny.gguf"), 42);
    }

    @Test
    void theDemoAnswersWithRealGeneratedTokensFromTheInProcessEngine() throws Exception {
        try (Launcher demo = Launcher.start("demo", "--engine", "llama", "--model", model.toString(),
                "--engine-option", "max_tokens=24", "--engine-option", "threads=1")) {
            String out = demo.input("Describe a beautiful sunset over the ocean\nexit\n").finish(Duration.ofSeconds(120));
            assertEquals(0, demo.exitCode(), out);
            assertTrue(out.contains("🏆 WINNER (NPU Priority): Device_B"), out);
            assertTrue(out.contains("✅ RESULT from Device_B"), out);
            assertFalse(out.contains("[simulated]"), out);
            String answer = out.substring(out.indexOf("✅ RESULT from Device_B"));
            answer = answer.lines().skip(2).findFirst().orElse("");
            assertTrue(answer.length() >= 24, "24 tokens of the model's own text: " + out);
            assertFalse(out.contains("Extracted"), "nothing from the binding on standard output: " + out);
        }
        try (Launcher demo = Launcher.start("demo", "--json", "--engine", "llama", "--model", model.toString(),
                "--engine-option", "max_tokens=8", "--prompt", "Describe a sunset")) {
            String out = demo.finish(Duration.ofSeconds(120)).strip();
            assertEquals(0, demo.exitCode(), out);
            assertEquals(1, out.lines().count(), "one JSON line and nothing else: " + out);
            assertTrue(out.contains("\"status\":\"completed\",\"device_id\":\"Device_B\""), out);
        }
    }

    @Test
    void aLiveScenarioRunsItsDevicesOnTheRealModel() throws Exception {
        Path scenario = dir.resolve("live-llama.yaml");
        Files.writeString(scenario, """
                name: live-llama
                mode: live
                duration: 3s
                orchestrator: {id: Device_A}
                devices:
                  - {id: Phone, count: 2, slm: {engine: llama, model: "%s", max_tokens: 12, threads: 1}}
                workload: {arrival: fixed, rate: 2/s, start: 100ms, prompts: [Describe a sunset]}
                expect: {all_tasks_complete: true, max_failures: 0}
                """.formatted(model));
        try (Launcher run = Launcher.start("scenario", "run", scenario.toString())) {
            String out = run.finish(Duration.ofSeconds(120));
            assertEquals(0, run.exitCode(), out);
            assertTrue(out.contains("(live,") && out.contains("PASSED") && out.contains(" completed, 0 failed"), out);
        }
    }

    @Test
    void aBadEngineSettingIsAClearErrorAndExitCode2() throws Exception {
        try (Launcher demo = Launcher.start("demo", "--engine", "llama", "--model", dir.resolve("nope.gguf").toString(),
                "--prompt", "hi")) {
            String out = demo.finish(Duration.ofSeconds(60));
            assertEquals(2, demo.exitCode(), out);
            assertTrue(out.contains("nope.gguf does not exist"), out);
            assertFalse(out.contains("\tat "), out);
        }
        try (Launcher calibrate = Launcher.start("calibrate", "--model", model.toString())) {
            String out = calibrate.finish(Duration.ofSeconds(60));
            assertEquals(2, calibrate.exitCode(), out);
            assertTrue(out.contains("calibrate needs --engine NAME"), out);
        }
    }

    @Test
    void calibrateWritesAProfileThatAVirtualScenarioRunsOn() throws Exception {
        Path profile = dir.resolve("tiny.properties");
        try (Launcher calibrate = Launcher.start("calibrate", "--engine", "llama", "--model", model.toString(),
                "--engine-option", "threads=1", "--prompt-words", "8,64", "--tokens", "16", "--runs", "2",
                "--out", profile.toString())) {
            String out = calibrate.finish(Duration.ofSeconds(180));
            assertEquals(0, calibrate.exitCode(), out);
            assertTrue(out.contains("Calibrating engine llama"), out);
            assertTrue(out.contains("Profile written to " + profile.toAbsolutePath()), out);
            assertEquals(4 + 1, out.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+16\\s.*")).count() + 1, out);
        }
        String text = Files.readString(profile);
        assertTrue(text.contains("# command: meshbench calibrate --engine llama") && text.contains("decode_tps_cpu=")
                && text.contains("# model file: " + model.toAbsolutePath()), text);

        Path scenario = dir.resolve("calibrated.yaml");
        Files.writeString(scenario, """
                name: calibrated
                seed: 5
                duration: 30s
                orchestrator: {id: Device_A}
                devices:
                  - {id: Phone, count: 3, slm: {engine: simulated, profile: "%s"}}
                workload: {arrival: fixed, rate: 6/m, prompts: [Describe a sunset]}
                expect: {all_tasks_complete: true}
                """.formatted(profile));
        try (Launcher run = Launcher.start("scenario", "run", scenario.toString())) {
            String out = run.finish(Duration.ofSeconds(120));
            assertEquals(0, run.exitCode(), out);
            assertTrue(out.contains("PASSED") && out.contains(" completed, 0 failed, 0 unfinished"), out);
        }
    }
}
