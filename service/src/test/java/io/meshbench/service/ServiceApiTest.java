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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON API, the event stream and the metrics through a real HTTP client, on a real simulated mesh. */
class ServiceApiTest {

    static TestService s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestService(0, 20);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void aPromptRunsAnAuctionAndComesBackWithTheSeedsWinner() throws Exception {
        HttpResponse<String> r = s.post("/api/tasks", "{\"prompt\": \"Describe a sunset\", \"npu_prompt\": \"[NPU Optimized] {prompt}\", \"wait\": true}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode task = TestService.json(r);
        assertEquals("completed", task.get("state").asText());
        assertEquals("Device_B", task.get("winner").asText());
        assertEquals("Device_B", task.get("device_id").asText());
        assertEquals("NPU Priority", task.get("rule").asText());
        assertEquals("NPU-First Strategy", task.get("strategy_title").asText());
        assertEquals("[NPU Optimized] Describe a sunset", task.get("sent_prompt").asText());
        assertEquals(2, task.get("bids").size());
        assertTrue(task.get("output").asText().startsWith("[simulated]"), task.toString());
        assertTrue(task.get("timing_ms").get("total").asDouble() > 0);
        assertTrue(task.get("tokens").get("completion").asInt() > 0);
    }

    @Test
    void aPromptCarriesItsPriorityAndDeadlineIntoTheMesh() throws Exception {
        HttpResponse<String> r = s.post("/api/tasks", "{\"prompt\": \"Describe a sunset\", \"priority\": \"high\", "
                + "\"deadline_s\": 60, \"wait\": true}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("completed", TestService.json(r).get("state").asText());
        assertTrue(TestService.json(s.get("/api/mesh")).get("priority_supported").asBoolean());
    }

    @Test
    void aTaskSubmittedWithoutWaitingIsFollowedToItsEnd() throws Exception {
        HttpResponse<String> r = s.post("/api/tasks", "{\"prompt\": \"Describe the sea\"}");
        assertEquals(202, r.statusCode(), r.body());
        String id = TestService.json(r).get("task_id").asText();
        JsonNode task = TestService.json(s.get("/api/tasks/" + id + "?wait=30"));
        assertEquals("completed", task.get("state").asText(), task.toString());
        JsonNode list = TestService.json(s.get("/api/tasks?limit=500")).get("tasks");
        boolean listed = false;
        for (JsonNode t : list) {
            listed |= t.get("task_id").asText().equals(id);
        }
        assertTrue(listed, "the task is listed");
    }

    @Test
    void devicesAreAddedKilledRevivedAndRemoved() throws Exception {
        HttpResponse<String> added = s.post("/api/devices", "{\"profile\": \"cpu-budget\", \"id\": \"Phone_X\"}");
        assertEquals(201, added.statusCode(), added.body());
        assertEquals(true, TestService.json(added).get("up").asBoolean());
        assertEquals(false, TestService.json(added).get("has_npu").asBoolean());
        assertEquals("conflict", error(s.post("/api/devices", "{\"id\": \"Phone_X\"}"), 409));

        JsonNode killed = TestService.json(s.post("/api/devices/Phone_X/kill", null));
        assertFalse(killed.get("up").asBoolean());
        JsonNode listed = find(TestService.json(s.get("/api/devices")).get("devices"), "Phone_X");
        assertFalse(listed.get("up").asBoolean());
        assertEquals("conflict", error(s.post("/api/devices/Device_B/revive", null), 409));
        JsonNode revived = TestService.json(s.post("/api/devices/Phone_X/revive", null));
        assertTrue(revived.get("up").asBoolean());

        assertEquals(200, s.send("DELETE", "/api/devices/Phone_X", null).statusCode());
        assertEquals(null, find(TestService.json(s.get("/api/devices")).get("devices"), "Phone_X"));
        assertEquals("not_found", error(s.post("/api/devices/Phone_X/kill", null), 404));
    }

    @Test
    void theStrategyIsSwitchedAndAnUnknownOneRefused() throws Exception {
        JsonNode now = TestService.json(s.get("/api/strategy"));
        assertEquals("npu-first", now.get("strategy").asText());
        try {
            JsonNode switched = TestService.json(s.send("PUT", "/api/strategy", "{\"strategy\": \"lowest-cpu\"}"));
            assertEquals("lowest-cpu", switched.get("strategy").asText());
            assertEquals("bad_field", error(s.send("PUT", "/api/strategy", "{\"strategy\": \"fastest\"}"), 400));
        } finally {
            s.send("PUT", "/api/strategy", "{\"strategy\": \"npu-first\"}");
        }
    }

    @Test
    void theEventStreamCarriesAWholeAuctionAsItHappens() throws Exception {
        HttpResponse<InputStream> stream = s.http.send(s.request("/api/events").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> kinds = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String hello = in.readLine();
            while (hello != null && !hello.startsWith("data: ")) {
                hello = in.readLine();
            }
            assertNotNull(hello);
            assertEquals("Hello", Json.MAPPER.readTree(hello.substring(6)).get("event").asText());
            String id = TestService.json(s.post("/api/tasks", "{\"prompt\": \"Follow me\"}")).get("task_id").asText();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("data: ")) {
                    continue;
                }
                JsonNode event = Json.MAPPER.readTree(line.substring(6));
                if (!id.equals(event.path("taskId").asText())) {
                    continue;
                }
                kinds.add(event.get("event").asText() + (event.has("type") ? ":" + event.get("type").asText() : ""));
                if (event.get("event").asText().equals("TaskCompleted")) {
                    break;
                }
            }
        }
        assertEquals("AuctionOpened", kinds.get(0));
        assertTrue(kinds.contains("MessageSent:BID_REQUEST"), kinds.toString());
        assertTrue(kinds.contains("BidAccepted"), kinds.toString());
        assertTrue(kinds.contains("AuctionClosed"), kinds.toString());
        assertTrue(kinds.contains("MessageSent:TASK"), kinds.toString());
        assertTrue(kinds.contains("MessageSent:RESULT"), kinds.toString());
        assertEquals("TaskCompleted", kinds.get(kinds.size() - 1));
    }

    @Test
    void theMetricsCountTheMeshInPrometheusTextFormat() throws Exception {
        s.post("/api/tasks", "{\"prompt\": \"Count me\", \"wait\": true}");
        HttpResponse<String> r = s.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        String text = r.body();
        for (String expected : new String[]{"# TYPE meshbench_auctions_total counter", "meshbench_tasks_total{outcome=\"completed\"}",
                "meshbench_task_seconds_bucket{outcome=\"completed\",le=\"", "meshbench_bids_total{device=\"Device_B\"}",
                "meshbench_device_up{device=\"Device_C\"} 1", "meshbench_device_cpu_load{device=\"Device_B\"}",
                "meshbench_auctions_won_total{device=\"Device_B\",rule=\"NPU Priority\"}"}) {
            assertTrue(text.contains(expected), expected + " in\n" + text);
        }
    }

    @Test
    void theMeshDescribesItselfForThePage() throws Exception {
        JsonNode mesh = TestService.json(s.get("/api/mesh"));
        assertEquals("Device_A", mesh.get("orchestrator").asText());
        assertTrue(mesh.get("simulated").asBoolean());
        assertEquals(4, mesh.get("profiles").size());
        HttpResponse<String> page = s.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"app.js\">"));
        assertTrue(s.get("/app.js").headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    }

    static String error(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        JsonNode error = TestService.json(r).get("error");
        assertNotNull(error, r.body());
        assertFalse(error.get("message").asText().isBlank());
        return error.get("code").asText();
    }

    private static JsonNode find(JsonNode devices, String id) {
        for (JsonNode d : devices) {
            if (d.get("id").asText().equals(id)) {
                return d;
            }
        }
        return null;
    }
}
