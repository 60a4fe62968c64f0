package io.meshbench.service;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import static io.meshbench.service.ServiceApiTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad request gets the JSON error docs/serve.md documents for it, and the service goes on. */
class BadRequestTest {

    static TestService s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestService(new MeshService.Settings("127.0.0.1", 0, null, 4096, 0, 100, Duration.ofSeconds(60)), 0, 20);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void wrongJson() throws Exception {
        assertEquals("bad_json", error(s.post("/api/tasks", "{\"prompt\": "), 400));
        assertEquals("bad_json", error(s.post("/api/tasks", "[\"prompt\"]"), 400));
        assertEquals("bad_json", error(s.post("/api/tasks", ""), 400));
        assertEquals("bad_json", error(s.post("/v1/chat/completions", "not json"), 400));
        assertEquals("bad_json", error(s.post("/api/tasks", "{\"prompt\": \"a\", \"prompt\": \"b\"}"), 400));
        assertEquals("bad_json", error(s.post("/api/tasks", "[".repeat(200) + "]".repeat(200)), 400));
        assertTrue(s.post("/api/tasks", "{\"prompt\": ").body().contains("line 1, column"));
    }

    @Test
    void missingAndWrongFields() throws Exception {
        assertEquals("missing_field", error(s.post("/api/tasks", "{}"), 400));
        assertEquals("bad_field", error(s.post("/api/tasks", "{\"prompt\": 42}"), 400));
        assertEquals("bad_field", error(s.post("/api/tasks", "{\"prompt\": \"  \"}"), 400));
        assertEquals("bad_field", error(s.post("/api/tasks", "{\"prompt\": \"x\", \"wait\": \"yes\"}"), 400));
        assertEquals("bad_field", error(s.post("/api/tasks", "{\"prompt\": \"x\", \"priority\": 3}"), 400));
        assertEquals("bad_field", error(s.post("/api/tasks", "{\"prompt\": \"x\", \"priority\": \"urgent\"}"), 400));
        assertEquals("bad_field", error(s.post("/api/tasks", "{\"prompt\": \"x\", \"deadline_s\": -1}"), 400));
        assertEquals("missing_field", error(s.post("/v1/chat/completions", "{\"model\": \"meshbench\"}"), 400));
        assertEquals("bad_field", error(s.post("/v1/chat/completions", "{\"messages\": []}"), 400));
        assertEquals("missing_field", error(s.post("/v1/chat/completions", "{\"messages\": [{\"content\": \"hi\"}]}"), 400));
        assertEquals("missing_field", error(s.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\"}]}"), 400));
        assertEquals("bad_field", error(s.post("/v1/chat/completions",
                "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\"}]}]}"), 400));
        assertEquals("bad_field", error(s.post("/v1/chat/completions",
                "{\"n\": 2, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"), 400));
        assertEquals("bad_field", error(s.post("/api/devices", "{\"profile\": \"tablet\"}"), 400));
        assertEquals("bad_field", error(s.post("/api/devices", "{\"id\": \"Bad|Id\"}"), 400));
        assertEquals("missing_field", error(s.send("PUT", "/api/strategy", "{}"), 400));
        assertTrue(s.post("/api/tasks", "{}").body().contains("\"param\":\"prompt\""));
    }

    @Test
    void hugeBodies() throws Exception {
        String big = "{\"prompt\": \"" + "x".repeat(5000) + "\"}";
        assertEquals("body_too_large", error(s.post("/api/tasks", big), 413));
        assertEquals("body_too_large", error(s.post("/v1/chat/completions", big), 413));
        // Without a Content-Length (chunked), the body is cut off as it is read.
        byte[] bytes = big.getBytes();
        HttpRequest chunked = s.request("/api/tasks").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(bytes))).build();
        assertEquals("body_too_large", error(s.http.send(chunked, HttpResponse.BodyHandlers.ofString()), 413));
    }

    @Test
    void aPromptTooLongForTheWire() throws Exception {
        char[] quotes = new char[Prompts.MAX_PROMPT_BYTES / 6 + 10];
        Arrays.fill(quotes, '\u0001'); // each one is \\u0001 in JSON: six bytes
        TestService wide = new TestService(new MeshService.Settings("127.0.0.1", 0, null, 1 << 20, 0, 100,
                Duration.ofSeconds(60)), 0, 20);
        try (wide) {
            String body = Json.write(java.util.Map.of("prompt", new String(quotes)));
            assertEquals("prompt_too_long", error(wide.post("/api/tasks", body), 413));
        }
    }

    @Test
    void unknownThings() throws Exception {
        assertEquals("not_found", error(s.get("/api/nothing"), 404));
        assertEquals("not_found", error(s.get("/api/tasks/task_999_deadbeef"), 404));
        assertEquals("not_found", error(s.post("/api/devices/Nobody/kill", null), 404));
        assertEquals("method_not_allowed", error(s.send("DELETE", "/api/tasks", null), 405));
        assertEquals("bad_parameter", error(s.get("/api/tasks?limit=lots"), 400));
        assertEquals("bad_parameter", error(s.get("/api/tasks?limit=100000"), 400));
        // And the service still answers.
        assertEquals("completed", TestService.json(s.post("/api/tasks", "{\"prompt\": \"still here\", \"wait\": true}"))
                .get("state").asText());
    }

    @Test
    void aTokenIsRequiredWhenOneIsSet() throws Exception {
        String token = MeshService.newToken();
        try (TestService secured = new TestService(MeshService.Settings.loopback(0).withToken(token), 0, 20)) {
            var plain = java.net.http.HttpClient.newHttpClient();
            java.util.function.Function<String, HttpRequest.Builder> req = path ->
                    HttpRequest.newBuilder(java.net.URI.create(secured.base + path));
            assertEquals("missing_token", error(plain.send(req.apply("/api/tasks").build(), HttpResponse.BodyHandlers.ofString()), 401));
            assertEquals("missing_token", error(plain.send(req.apply("/v1/models").build(), HttpResponse.BodyHandlers.ofString()), 401));
            assertEquals("missing_token", error(plain.send(req.apply("/metrics").build(), HttpResponse.BodyHandlers.ofString()), 401));
            assertEquals("missing_token", error(plain.send(req.apply("/api/events").build(), HttpResponse.BodyHandlers.ofString()), 401));
            assertEquals("bad_token", error(plain.send(req.apply("/api/tasks").header("Authorization", "Bearer wrong").build(),
                    HttpResponse.BodyHandlers.ofString()), 401));
            assertEquals("bad_token", error(plain.send(req.apply("/api/tasks").header("Authorization", "Basic " + token).build(),
                    HttpResponse.BodyHandlers.ofString()), 401));
            var refused = plain.send(req.apply("/api/tasks").build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            // With it: the API, and the event stream by query parameter (a browser's EventSource sends no headers).
            assertEquals(200, plain.send(req.apply("/api/tasks").header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            var events = plain.send(req.apply("/api/events?access_token=" + token).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, events.statusCode());
            events.body().close();
            // The page itself holds no data and loads without one.
            assertEquals(200, plain.send(req.apply("/").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void listeningBeyondLoopbackWithoutATokenIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () ->
                new MeshService.Settings("0.0.0.0", 0, null, 4096, 0, 10, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("needs a token"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                new MeshService.Settings("127.0.0.1", 0, "short", 4096, 0, 10, Duration.ofSeconds(5)));
    }

    @Test
    void tooManyWaitingPromptsAreRefusedAtOnce() throws Exception {
        // One place in the mesh, none to wait in, and a model slow enough to hold the place.
        try (TestService one = new TestService(new MeshService.Settings("127.0.0.1", 0, null, 4096, 1, 0,
                Duration.ofSeconds(60)), 0, 0.05)) {
            HttpResponse<String> first = one.post("/api/tasks", "{\"prompt\": \"hold the place\"}");
            assertEquals(202, first.statusCode(), first.body());
            assertEquals("too_many_requests", error(one.post("/api/tasks", "{\"prompt\": \"no room\"}"), 429));
            assertEquals("too_many_requests", error(one.post("/v1/chat/completions",
                    "{\"messages\": [{\"role\": \"user\", \"content\": \"no room\"}]}"), 429));
        }
    }
}
