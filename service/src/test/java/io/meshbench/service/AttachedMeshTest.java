package io.meshbench.service;

import io.meshbench.live.MeshSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.live.LiveNode;
import io.meshbench.live.LocalMesh;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve --peers FILE --id ID}: the service's orchestrator attached to devices it does not
 * run. The devices publish to a bus of their own, as they would in other processes, so the service
 * knows them only from the orchestrator's side: their bids, their answers, failed deliveries.
 */
class AttachedMeshTest {

    @Test
    void anAttachedOrchestratorServesTheAnswersOfDevicesItDoesNotRun() throws Exception {
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        PeerDirectory directory = new PeerDirectory();
        int orchestratorPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            orchestratorPort = probe.getLocalPort();
        }
        directory.put(new PeerDirectory.Peer("Device_A", "127.0.0.1", orchestratorPort));
        EventBus elsewhere = new EventBus();
        List<LiveNode<DeviceNode>> devices = new ArrayList<>();
        EventBus bus = new EventBus();
        MeshService service = new MeshService(bus, MeshService.Settings.loopback(0));
        MeshSession mesh = null;
        try {
            for (DeviceConfig seed : LocalMesh.seedDevices()) {
                DeviceConfig config = seed.withSlmConfig(Map.of("speed", 20.0));
                LiveNode<DeviceNode> node = new LiveNode<>(config.deviceId(), new DeviceNode(config,
                        plugins.metrics(config.metrics()), plugins.engine(config.slm())), directory, elsewhere,
                        LiveNode.Options.loopback(0)).start();
                devices.add(node);
                directory.put(new PeerDirectory.Peer(config.deviceId(), "127.0.0.1", node.port()));
            }
            mesh = MeshSession.attached(bus, plugins, directory, "peers.txt", "Device_A", new Orchestrator(
                    new Orchestrator.Settings(Duration.ofSeconds(5), Duration.ofSeconds(60)), plugins.strategy("npu-first")));
            service.start(mesh);
            String base = "http://127.0.0.1:" + service.port();
            HttpClient http = HttpClient.newHttpClient();

            JsonNode about = json(http, base, "GET", "/api/mesh", null);
            assertFalse(about.get("simulated").asBoolean());
            assertEquals("orchestrator attached to peers.txt · INSECURE: plaintext links", about.get("description").asText());
            JsonNode before = device(json(http, base, "GET", "/api/devices", null), "Device_B");
            assertTrue(before.get("has_npu").isNull(), "not known before its first bid: " + before);
            assertTrue(before.get("up").isNull(), before.toString());
            assertFalse(before.get("local").asBoolean());
            assertEquals(409, send(http, base, "POST", "/api/devices", "{}").statusCode());
            assertEquals(409, send(http, base, "POST", "/api/devices/Device_B/kill", null).statusCode());

            JsonNode task = json(http, base, "POST", "/api/tasks", "{\"prompt\": \"Describe a sunset\", \"wait\": true}");
            assertEquals("completed", task.get("state").asText(), task.toString());
            assertEquals("Device_B", task.get("device_id").asText());
            assertTrue(task.get("tokens").isNull(), "the device's own counts stay in its process");
            JsonNode chat = json(http, base, "POST", "/v1/chat/completions",
                    "{\"messages\": [{\"role\": \"user\", \"content\": \"Describe the sea\"}]}");
            assertTrue(chat.get("usage").get("estimated").asBoolean(), chat.toString());
            assertTrue(chat.get("usage").get("completion_tokens").asInt() > 0);

            JsonNode b = device(json(http, base, "GET", "/api/devices", null), "Device_B");
            assertTrue(b.get("has_npu").asBoolean());
            assertTrue(b.get("up").asBoolean());
            // its load as its last bid gave it: Device_B's 0.452, plus 0.25 while a task of its own still runs
            double cpu = b.get("cpu_load").asDouble();
            assertTrue(cpu > 0.40 && cpu < 0.75, "Device_B's bid load: " + cpu);
            assertEquals(2, b.get("wins").asInt());

            // A device that goes away is seen down as soon as a message to it cannot be delivered.
            devices.get(1).close();
            JsonNode after = json(http, base, "POST", "/api/tasks", "{\"prompt\": \"Describe the moon\", \"wait\": true}");
            assertEquals("completed", after.get("state").asText());
            JsonNode c = device(json(http, base, "GET", "/api/devices", null), "Device_C");
            assertFalse(c.get("up").asBoolean(), c.toString());
            assertTrue(c.get("down_reason").asText().startsWith("unreachable"), c.toString());
        } finally {
            if (mesh != null) {
                mesh.close();
            }
            service.close();
            devices.forEach(LiveNode::close);
        }
    }

    private static HttpResponse<String> send(HttpClient http, String base, String method, String path, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpClient http, String base, String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(http, base, method, path, body);
        assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    private static JsonNode device(JsonNode devices, String id) {
        for (JsonNode d : devices.get("devices")) {
            if (d.get("id").asText().equals(id)) {
                return d;
            }
        }
        throw new AssertionError("no " + id + " in " + devices);
    }
}
