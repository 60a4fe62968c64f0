package io.meshbench.plugins.llama;

import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;
import io.meshbench.plugins.llama.testing.RecordingListener;
import io.meshbench.plugins.llama.testing.TinyGguf;
import io.meshbench.plugins.llama.testing.WallClockContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process engine on a real (tiny, random-weight) llama model that the test writes itself. */
class LlamaSlmProviderTest {

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = TinyGguf.write(dir.resolve("tiny.gguf"), 42);
    }

    private static Map<String, Object> config(Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("model", model.toString());
        config.put("threads", 1);
        config.put("context", 1024);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static SlmRequest request(String prompt, Duration timeout) {
        return new SlmRequest("task_1", prompt, false, timeout);
    }

    @Test
    void generatesTheTokensAskedForStreamsThemAndCountsThem() throws Exception {
        try (WallClockContext context = new WallClockContext(config("max_tokens", 40, "seed", 7));
             SlmEngine engine = new LlamaSlmProvider().create(context)) {
            RecordingListener run = new RecordingListener();
            engine.start(request("Describe a beautiful sunset over the ocean", Duration.ofSeconds(60)), run);
            SlmResult result = run.await();
            assertEquals(SlmResult.Status.COMPLETED, result.status(), result.error());
            assertEquals(40, result.generatedTokens());
            assertTrue(result.promptTokens() > 40, "the templated prompt has more tokens than words: "
                    + result.promptTokens());
            assertFalse(result.output().isBlank());
            assertEquals(result.output(), String.join("", run.pieces), "the streamed pieces are the output");
            assertTrue(run.pieces.size() > 1, "streamed in pieces: " + run.pieces.size());
            assertTrue(result.output().chars().allMatch(c -> c >= 0x20 && c < 0x7f), result.output());
            assertTrue(result.decodeTokensPerSecond() > 0, "decode rate " + result.decodeTokensPerSecond());
            assertTrue(result.prefillTokensPerSecond() > 0, "prefill rate " + result.prefillTokensPerSecond());
            assertTrue(result.timings().firstToken().compareTo(result.elapsed()) <= 0);
            Thread.sleep(100);
            assertEquals(1, run.ends.size(), "exactly one end");
        }
        assertEquals(0, SharedModels.loaded(), "the model is freed when its engine closes");
    }

    @Test
    void theSameSeedGivesTheSameTextAndRawPromptsWorkToo() throws Exception {
        String[] outputs = new String[2];
        for (int i = 0; i < 2; i++) {
            try (WallClockContext context = new WallClockContext(config("max_tokens", 20, "seed", 3, "chat", false));
                 SlmEngine engine = new LlamaSlmProvider().create(context)) {
                RecordingListener run = new RecordingListener();
                engine.start(request("the sun sets over the ocean", Duration.ofSeconds(60)), run);
                SlmResult result = run.await();
                assertEquals(SlmResult.Status.COMPLETED, result.status(), result.error());
                assertEquals(20, result.generatedTokens());
                assertEquals("the sun sets over the ocean".length() + 0, result.promptTokens() - 1,
                        "one token a character after the leading space: " + result.promptTokens());
                outputs[i] = result.output();
            }
        }
        assertEquals(outputs[0], outputs[1]);
    }

    @Test
    void cancelEndsTheRunOnceAndTheEngineStaysUsable() throws Exception {
        try (WallClockContext context = new WallClockContext(config("max_tokens", 30000, "context", 32768));
             SlmEngine engine = new LlamaSlmProvider().create(context)) {
            RecordingListener run = new RecordingListener();
            SlmEngine.Run handle = engine.start(request("Write a long story", Duration.ofSeconds(60)), run);
            run.firstOutput.get(30, TimeUnit.SECONDS);
            handle.cancel();
            SlmResult result = run.await();
            assertEquals(SlmResult.Status.CANCELLED, result.status());
            handle.cancel();
            Thread.sleep(200);
            assertEquals(1, run.ends.size(), "exactly one end, also after a second cancel");

            // Another device on the same model (same file and context: one copy) is served at once.
            try (WallClockContext other = new WallClockContext(config("max_tokens", 5, "context", 32768));
                 SlmEngine second = new LlamaSlmProvider().create(other)) {
                RecordingListener next = new RecordingListener();
                second.start(new SlmRequest("task_2", "hello", false, Duration.ofSeconds(60)), next);
                assertEquals(SlmResult.Status.COMPLETED, next.await().status(), "the next run is served");
                assertEquals(1, SharedModels.loaded());
            }
        }
    }

    @Test
    void theTaskTimeoutStopsARunThatGoesOnTooLong() throws Exception {
        try (WallClockContext context = new WallClockContext(config("max_tokens", 30000, "context", 32768));
             SlmEngine engine = new LlamaSlmProvider().create(context)) {
            RecordingListener run = new RecordingListener();
            engine.start(request("Write a long story", Duration.ofMillis(300)), run);
            SlmResult result = run.await();
            assertEquals(SlmResult.Status.TIMED_OUT, result.status());
            assertTrue(result.error().contains("300 ms"), result.error());
        }
    }

    @Test
    void closingTheEngineStopsItsRunsAndFreesTheModel() throws Exception {
        WallClockContext context = new WallClockContext(config("max_tokens", 30000, "context", 32768));
        SlmEngine engine = new LlamaSlmProvider().create(context);
        RecordingListener run = new RecordingListener();
        engine.start(request("Write a long story", Duration.ofSeconds(60)), run);
        run.firstOutput.get(30, TimeUnit.SECONDS);
        engine.close();
        assertEquals(SlmResult.Status.CANCELLED, run.await().status());
        assertEquals(0, SharedModels.loaded());
        assertThrows(IllegalStateException.class, () -> engine.start(request("x", Duration.ofSeconds(1)),
                new RecordingListener()));
        context.close();
    }

    @Test
    void devicesNamingTheSameModelShareOneCopy() throws Exception {
        try (WallClockContext a = new WallClockContext(config("max_tokens", 5));
             WallClockContext b = new WallClockContext(config("max_tokens", 5))) {
            SlmEngine first = new LlamaSlmProvider().create(a);
            SlmEngine second = new LlamaSlmProvider().create(b);
            assertEquals(1, SharedModels.loaded());
            first.close();
            assertEquals(1, SharedModels.loaded(), "still used by the second device");
            RecordingListener run = new RecordingListener();
            second.start(request("hi", Duration.ofSeconds(30)), run);
            assertEquals(5, run.await().generatedTokens());
            second.close();
            assertEquals(0, SharedModels.loaded());
        }
    }

    @Test
    void badSettingsAreClearErrors() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        Map<String, String> cases = Map.of(
                "model", "\"model\"",
                "missing", "does not exist",
                "text", "not a GGUF file",
                "huge", "more than max_memory_mb",
                "threads", "threads must be");
        for (var c : cases.entrySet()) {
            Map<String, Object> config = config();
            switch (c.getKey()) {
                case "model" -> config.remove("model");
                case "missing" -> config.put("model", dir.resolve("nope.gguf").toString());
                case "text" -> config.put("model", text.toString());
                case "huge" -> config.put("max_memory_mb", 0.1);
                default -> config.put("threads", 0);
            }
            try (WallClockContext context = new WallClockContext(config)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> new LlamaSlmProvider().create(context));
                assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + ": " + e.getMessage());
            }
        }
    }
}
