package io.meshbench.service;

import io.meshbench.live.MeshSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.plugin.PluginRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A real service on a free loopback port over a real simulated mesh (the demo's Device_B and
 * Device_C plus {@code extra} more, live nodes on loopback TCP), and a java.net.http client for it.
 */
final class TestService implements AutoCloseable {

    final EventBus bus = new EventBus();
    final MeshService service;
    final MeshSession mesh;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    private final String token;

    TestService(int extra, double slmSpeed) throws IOException {
        this(MeshService.Settings.loopback(0), extra, slmSpeed);
    }

    TestService(MeshService.Settings settings, int extra, double slmSpeed) throws IOException {
        this.token = settings.token();
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        service = new MeshService(bus, settings);
        mesh = MeshSession.demo(bus, plugins, extra, slmSpeed, "Device_A",
                new Orchestrator(new Orchestrator.Settings(Duration.ofSeconds(5), Duration.ofSeconds(60)),
                        plugins.strategy("npu-first")));
        service.start(mesh);
        base = "http://127.0.0.1:" + service.port();
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    @Override
    public void close() {
        mesh.close();
        service.close();
    }
}
