package io.meshbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAI-compatible API: first through java.net.http (plain, streaming), then with the official
 * OpenAI Python client, as an application would use it (scripts/setup installs it).
 */
class OpenAiClientTest {

    static TestService s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestService(MeshService.Settings.loopback(0).withToken("test-token-0123456789"), 0, 20);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void aPlainCompletionSaysWhichDeviceAnswered() throws Exception {
        HttpResponse<String> r = s.post("/v1/chat/completions",
                "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"Describe a sunset\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode out = TestService.json(r);
        assertEquals("chat.completion", out.get("object").asText());
        assertEquals("gpt-4o-mini", out.get("model").asText());
        assertEquals("meshbench:Device_B", out.get("system_fingerprint").asText());
        assertEquals("Device_B", r.headers().firstValue("X-MeshBench-Device").orElseThrow());
        JsonNode choice = out.get("choices").get(0);
        assertEquals("assistant", choice.get("message").get("role").asText());
        assertEquals("stop", choice.get("finish_reason").asText());
        String taskId = out.get("meshbench").get("task_id").asText();
        JsonNode task = TestService.json(s.get("/api/tasks/" + taskId));
        assertEquals(task.get("output").asText(), choice.get("message").get("content").asText());
        JsonNode usage = out.get("usage");
        assertEquals(task.get("tokens").get("completion").asInt(), usage.get("completion_tokens").asInt());
        assertEquals(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(), usage.get("total_tokens").asInt());
        assertEquals("NPU Priority", out.get("meshbench").get("rule").asText());
    }

    @Test
    void aStreamSendsTheAnswerInPiecesThenUsageThenDone() throws Exception {
        HttpResponse<InputStream> r = s.http.send(s.request("/v1/chat/completions").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Describe the sea\"}]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> data = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                }
            }
        }
        assertEquals("[DONE]", data.get(data.size() - 1));
        JsonNode first = Json.MAPPER.readTree(data.get(0));
        assertEquals("assistant", first.get("choices").get(0).get("delta").get("role").asText());
        StringBuilder content = new StringBuilder();
        JsonNode last = null;
        for (String d : data.subList(0, data.size() - 1)) {
            JsonNode chunk = Json.MAPPER.readTree(d);
            assertEquals("chat.completion.chunk", chunk.get("object").asText());
            content.append(chunk.get("choices").get(0).get("delta").path("content").asText(""));
            last = chunk;
        }
        assertTrue(data.size() > 4, "the answer came in pieces: " + data.size());
        assertEquals("stop", last.get("choices").get(0).get("finish_reason").asText());
        assertEquals("meshbench:Device_B", last.get("system_fingerprint").asText());
        assertTrue(last.get("usage").get("total_tokens").asInt() > 0);
        JsonNode task = TestService.json(s.get("/api/tasks/" + last.get("meshbench").get("task_id").asText()));
        assertEquals(task.get("output").asText(), content.toString());
    }

    @Test
    void theModelListNamesTheMesh() throws Exception {
        JsonNode models = TestService.json(s.get("/v1/models"));
        assertEquals("list", models.get("object").asText());
        assertEquals("meshbench", models.get("data").get(0).get("id").asText());
    }

    @Test
    void theOfficialOpenAiPythonClientGetsAnswersPlainAndStreamed() throws Exception {
        Path script = Path.of(OpenAiClientTest.class.getResource("/openai_client.py").toURI());
        ProcessBuilder pb = new ProcessBuilder(python(), script.toString(), s.base + "/v1", "test-token-0123456789")
                .redirectErrorStream(false);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "the OpenAI client failed:\n" + err + out);
        JsonNode result = Json.MAPPER.readTree(out);
        assertEquals("meshbench", result.get("models").get(0).asText());

        JsonNode plain = result.get("plain");
        assertTrue(plain.get("content").asText().startsWith("[simulated]"), plain.toString());
        assertEquals("stop", plain.get("finish").asText());
        assertEquals("meshbench:Device_B", plain.get("fingerprint").asText());
        assertTrue(plain.get("usage").get("completion_tokens").asInt() > 0, plain.toString());

        JsonNode stream = result.get("stream");
        assertTrue(stream.get("content").asText().startsWith("[simulated]"), stream.toString());
        assertTrue(stream.get("pieces").asInt() > 1, stream.toString());
        assertEquals("stop", stream.get("finish").asText());
        assertEquals("meshbench:Device_B", stream.get("fingerprint").asText());
        JsonNode usage = stream.get("usage");
        assertEquals(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(), usage.get("total_tokens").asInt());

        JsonNode error = result.get("error");
        assertEquals("BadRequestError", error.get("class").asText());
        assertEquals(400, error.get("status").asInt());
        assertTrue(error.get("message").asText().contains("non-empty array"), error.toString());
    }

    @Test
    void theClientWithoutTheTokenIsRefused() throws Exception {
        HttpResponse<String> r = s.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.base + "/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("missing_token", ServiceApiTest.error(r, 401));
    }

    /** The venv scripts/setup makes (MESHBENCH_OPENAI_VENV, default ~/.cache/meshbench/openai-venv). */
    static String python() {
        String venv = System.getenv().getOrDefault("MESHBENCH_OPENAI_VENV",
                System.getProperty("user.home") + "/.cache/meshbench/openai-venv");
        Path python = Path.of(venv, "bin", "python");
        assertTrue(Files.isExecutable(python), "no OpenAI client at " + venv + ": run scripts/setup, which installs it");
        assertFalse(venv.isBlank());
        return python.toString();
    }
}
