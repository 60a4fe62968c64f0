package io.meshbench.cli;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./meshbench serve} in its own JVM, as a user starts it: the printed address answers. */
class ServeCommandTest {

    @Test
    void servePrintsItsAddressAndTheMeshAnswersThere() throws Exception {
        String token = "serve-test-token-0123456789";
        try (Launcher serve = Launcher.start("serve", "--port", "0", "--slm-speed", "20", "--token", token)) {
            String dashboard = serve.awaitLine(l -> l.contains("Dashboard:"), Duration.ofSeconds(60));
            String url = dashboard.substring(dashboard.indexOf("http://"), dashboard.indexOf('#'));
            assertTrue(dashboard.endsWith("#token=" + token), dashboard);
            serve.awaitLine(l -> l.startsWith("Ctrl-C stops."), Duration.ofSeconds(10));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>MeshBench</title>"));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "v1/chat/completions"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"meshbench\", \"messages\": "
                            + "[{\"role\": \"user\", \"content\": \"Describe a sunset\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"system_fingerprint\":\"meshbench:Device_B\""), answer.body());
        }
    }

    @Test
    void aBadOptionSaysWhatToFix() throws Exception {
        try (Launcher serve = Launcher.start("serve", "--port", "70000")) {
            String out = serve.finish(Duration.ofSeconds(60));
            assertEquals(2, serve.exitCode(), out);
            assertTrue(out.contains("--port must be 0 to 65535, got 70000"), out);
        }
    }

    @Test
    void aMeshFolderGoesWithAPeersFile() throws Exception {
        try (Launcher serve = Launcher.start("serve", "--mesh", "some-mesh")) {
            String out = serve.finish(Duration.ofSeconds(60));
            assertEquals(2, serve.exitCode(), out);
            assertTrue(out.contains("--mesh goes with --peers; the simulated mesh makes its own"), out);
        }
    }
}
