package io.meshbench.plugins.openai;

import com.sun.net.httpserver.HttpServer;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;
import io.meshbench.plugins.llama.testing.LlamaCppTools;
import io.meshbench.plugins.llama.testing.RecordingListener;
import io.meshbench.plugins.llama.testing.TinyGguf;
import io.meshbench.plugins.llama.testing.WallClockContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP engine against llama.cpp's real {@code llama-server} serving the tiny test model (built once
 * by scripts/llama-cpp); a JDK HTTP server stands in only for answers a real server never gives.
 */
class OpenAiSlmProviderTest {

    @TempDir
    static Path dir;

    static LlamaCppTools.Server server;

    @BeforeAll
    static void startServer() throws Exception {
        Path model = TinyGguf.write(dir.resolve("tiny.gguf"), 42);
        server = LlamaCppTools.Server.start(model, "tiny", dir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, Object> config(String url, Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("url", url);
        config.put("model", "tiny");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static SlmResult run(Map<String, Object> config, String prompt, RecordingListener listener) throws Exception {
        try (WallClockContext context = new WallClockContext(config);
             SlmEngine engine = new OpenAiSlmProvider().create(context)) {
            engine.start(new SlmRequest("task_1", prompt, false, Duration.ofSeconds(60)), listener);
            return listener.await();
        }
    }

    @Test
    void streamsAChatAnswerWithTheServersCountsAndTimings() throws Exception {
        RecordingListener listener = new RecordingListener();
        SlmResult result = run(config(server.url(), "max_tokens", 32), "Describe a sunset over the ocean", listener);
        assertEquals(SlmResult.Status.COMPLETED, result.status(), result.error());
        assertEquals(32, result.generatedTokens());
        assertTrue(result.promptTokens() > 20, "the chat template's tokens and the prompt's: " + result.promptTokens());
        assertTrue(listener.pieces.size() > 1, "streamed in pieces: " + listener.pieces);
        assertEquals(result.output(), String.join("", listener.pieces));
        assertFalse(result.output().isBlank());
        assertTrue(result.timings().decodeIncludesFirstToken(), "llama.cpp's own timings");
        assertTrue(result.decodeTokensPerSecond() > 0 && result.prefillTokensPerSecond() > 0, result.toString());
        assertTrue(result.timings().firstToken() != null, "first token measured from the stream");
    }

    @Test
    void answersWholeWithoutStreamingAndOnTheCompletionsEndpoint() throws Exception {
        RecordingListener whole = new RecordingListener();
        SlmResult chat = run(config(server.url(), "max_tokens", 16, "stream", false), "hello", whole);
        assertEquals(SlmResult.Status.COMPLETED, chat.status(), chat.error());
        assertEquals(16, chat.generatedTokens());
        assertTrue(chat.promptTokens() > 0);
        assertEquals(1, whole.pieces.size(), "one piece: the whole answer");
        assertEquals(chat.output(), whole.pieces.get(0));

        RecordingListener raw = new RecordingListener();
        SlmResult completion = run(config(server.url(), "max_tokens", 12, "chat", false), "the sun sets over", raw);
        assertEquals(SlmResult.Status.COMPLETED, completion.status(), completion.error());
        assertEquals(12, completion.generatedTokens());
        assertEquals("the sun sets over".length() + 2, completion.promptTokens(),
                "the tiny model's tokenizer: <s>, a leading space, then a token a character");
    }

    @Test
    void cancelAndTimeoutEndTheRunOnceAndTheServerGoesOn() throws Exception {
        try (WallClockContext context = new WallClockContext(config(server.url(), "max_tokens", 2000));
             SlmEngine engine = new OpenAiSlmProvider().create(context)) {
            RecordingListener cancelled = new RecordingListener();
            SlmEngine.Run run = engine.start(new SlmRequest("task_1", "a long story", false, Duration.ofSeconds(60)),
                    cancelled);
            cancelled.firstOutput.get(30, TimeUnit.SECONDS);
            run.cancel();
            assertEquals(SlmResult.Status.CANCELLED, cancelled.await().status());

            RecordingListener late = new RecordingListener();
            engine.start(new SlmRequest("task_2", "a long story", false, Duration.ofMillis(200)), late);
            SlmResult timedOut = late.await();
            assertEquals(SlmResult.Status.TIMED_OUT, timedOut.status());
            assertTrue(timedOut.error().contains("200 ms"), timedOut.error());
            Thread.sleep(200);
            assertEquals(1, cancelled.ends.size());
            assertEquals(1, late.ends.size());
        }
        RecordingListener after = new RecordingListener();
        assertEquals(SlmResult.Status.COMPLETED, run(config(server.url(), "max_tokens", 4), "hi", after).status());
    }

    @Test
    void anUnreachableServerIsAClearError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SlmResult result = run(config("http://127.0.0.1:" + port + "/v1"), "hi", new RecordingListener());
        assertEquals(SlmResult.Status.FAILED, result.status());
        assertTrue(result.error().contains("cannot reach the server at http://127.0.0.1:" + port)
                && result.error().contains("connection refused"), result.error());
    }

    @Test
    void aModelTheServerDoesNotServeIsAClearError() throws Exception {
        SlmResult result = run(config(server.url(), "model", "qwen-nope"), "hi", new RecordingListener());
        assertEquals(SlmResult.Status.FAILED, result.status());
        assertTrue(result.error().contains("has no model \"qwen-nope\"") && result.error().contains("[tiny]"),
                result.error());
    }

    @Test
    void badAnswersAreClearErrors() throws Exception {
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/html/v1/chat/completions", exchange -> {
            byte[] page = "<html><body>Welcome to nginx!</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        fake.createContext("/broken/v1/chat/completions", exchange -> {
            byte[] page = "model crashed".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        fake.createContext("/keyed/v1/chat/completions", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        fake.start();
        try {
            String base = "http://127.0.0.1:" + fake.getAddress().getPort();
            SlmResult html = run(config(base + "/html/v1", "stream", false), "hi", new RecordingListener());
            assertTrue(html.status() == SlmResult.Status.FAILED && html.error().contains("not JSON")
                    && html.error().contains("Welcome to nginx"), html.error());
            SlmResult htmlStream = run(config(base + "/html/v1"), "hi", new RecordingListener());
            assertTrue(htmlStream.status() == SlmResult.Status.FAILED
                    && htmlStream.error().contains("without sending any completion"), htmlStream.error());
            SlmResult broken = run(config(base + "/broken/v1"), "hi", new RecordingListener());
            assertTrue(broken.error().contains("answered HTTP 500: model crashed"), broken.error());
            SlmResult keyed = run(config(base + "/keyed/v1", "api_key", "wrong"), "hi", new RecordingListener());
            assertTrue(keyed.error().contains("HTTP 401") && keyed.error().contains("api_key"), keyed.error());
        } finally {
            fake.stop(0);
        }
    }

    @Test
    void badSettingsAreClearErrors() {
        Map<Map<String, Object>, String> cases = Map.of(
                Map.of("model", "m"), "needs \"url\"",
                Map.of("url", "ftp://x/v1", "model", "m"), "http:// or https://",
                Map.of("url", "http://127.0.0.1:1/v1"), "needs \"model\"",
                Map.of("url", "http://127.0.0.1:1/v1", "model", "m", "api_key_env", "MESHBENCH_NO_SUCH_KEY"),
                "MESHBENCH_NO_SUCH_KEY");
        for (var c : cases.entrySet()) {
            try (WallClockContext context = new WallClockContext(c.getKey())) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> new OpenAiSlmProvider().create(context));
                assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            }
        }
    }
}
