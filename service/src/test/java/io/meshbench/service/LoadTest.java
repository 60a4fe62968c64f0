package io.meshbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load: 200 prompts sent at once through the API, on a simulated mesh of six live devices, all
 * complete and none is lost; after two rounds of them, three more leave the heap where it was
 * (every history the service keeps is bounded). Speed is not asserted here: see docs/serve.md for the
 * measured numbers.
 */
class LoadTest {

    static final int CONCURRENT = 200;
    static final int ROUNDS = 5;

    @Test
    void twoHundredConcurrentPromptsAllCompleteAndMemoryStaysFlat() throws Exception {
        try (TestService s = new TestService(4, 50)) {
            long heapAfterWarmUp = 0;
            Set<String> all = new HashSet<>();
            for (int round = 1; round <= ROUNDS; round++) {
                long start = System.nanoTime();
                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    String body = i % 2 == 0
                            ? "{\"prompt\": \"load " + round + "-" + i + "\", \"wait\": true}"
                            : "{\"messages\": [{\"role\": \"user\", \"content\": \"load " + round + "-" + i + "\"}]}";
                    String path = i % 2 == 0 ? "/api/tasks" : "/v1/chat/completions";
                    calls.add(s.http.sendAsync(s.request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                Set<String> ids = new HashSet<>();
                for (CompletableFuture<HttpResponse<String>> call : calls) {
                    HttpResponse<String> r = call.join();
                    assertEquals(200, r.statusCode(), r.body());
                    JsonNode out = TestService.json(r);
                    if (out.has("task_id")) {
                        assertEquals("completed", out.get("state").asText(), out.toString());
                        ids.add(out.get("task_id").asText());
                    } else {
                        assertTrue(out.get("choices").get(0).get("message").get("content").asText().startsWith("[simulated]"));
                        ids.add(out.get("meshbench").get("task_id").asText());
                    }
                }
                assertEquals(CONCURRENT, ids.size(), "every prompt is its own task");
                all.addAll(ids);
                long heap = heapAfterGc();
                System.out.printf("load round %d: %d prompts at once, all completed in %.2f s; heap after GC %.1f MB%n",
                        round, CONCURRENT, (System.nanoTime() - start) / 1e9, heap / 1e6);
                // The first two rounds fill the pools that are kept (connections, Jetty's buffers, the
                // task board's 500 places); from then on the heap stays where it is.
                if (round == 2) {
                    heapAfterWarmUp = heap;
                } else if (round > 2) {
                    assertTrue(heap - heapAfterWarmUp < 8_000_000L, "heap grew from " + heapAfterWarmUp / 1_000_000
                            + " MB to " + heap / 1_000_000 + " MB");
                }
            }
            assertEquals(ROUNDS * CONCURRENT, all.size());
            String metrics = s.get("/metrics").body();
            assertTrue(metrics.contains("meshbench_tasks_total{outcome=\"completed\"} " + (ROUNDS * CONCURRENT) + ".0"), metrics);
            assertTrue(!metrics.contains("meshbench_tasks_total{outcome=\"failed\"}"), "no task failed");
            assertTrue(s.service.tasksKept() <= TaskBoard.DEFAULT_CAPACITY, "the task board is bounded");
            JsonNode mesh = TestService.json(s.get("/api/mesh"));
            assertEquals(0, mesh.get("in_flight").asInt(), "every place in the mesh was given back");
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
