package io.meshbench.service;

import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.live.MeshSession;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.security.Mesh;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A secure mesh is served over HTTPS with a certificate its CA issued: a client that trusts the mesh
 * gets answers; one that trusts only the public CAs, or speaks plain HTTP, gets none.
 */
class HttpsServiceTest {

    private static HttpClient trusting(Mesh mesh) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("mesh", mesh.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void aSecureMeshIsServedOverHttpsThatItsClientsTrust() throws Exception {
        Mesh mesh = Mesh.create("served", List.of("Device_A"), List.of());
        char[] password = "test-store-password".toCharArray();
        EventBus bus = new EventBus();
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        try (MeshService service = new MeshService(bus, MeshService.Settings.loopback(0))
                .withHttps(mesh.httpsIdentity("127.0.0.1", password), password);
             MeshSession session = MeshSession.demo(bus, plugins, 0, 20, "Device_A", new Orchestrator(
                     new Orchestrator.Settings(Duration.ofSeconds(5), Duration.ofSeconds(60)), plugins.strategy("npu-first")))) {
            service.start(session);
            assertTrue(service.url().startsWith("https://127.0.0.1:"), service.url());
            URI tasks = URI.create(service.url() + "api/tasks");
            HttpResponse<String> answer = trusting(mesh).send(HttpRequest.newBuilder(tasks)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Describe a sunset\", \"wait\": true}"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"state\":\"completed\""), answer.body());

            HttpClient publicTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(SSLHandshakeException.class, () -> publicTrust.send(HttpRequest.newBuilder(URI.create(
                    service.url() + "api/mesh")).build(), HttpResponse.BodyHandlers.ofString()),
                    "a certificate of the mesh's own CA, not a public one");
            assertThrows(IOException.class, () -> publicTrust.send(HttpRequest.newBuilder(URI.create(
                    service.url().replace("https://", "http://") + "api/mesh")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()), "no plain HTTP on the HTTPS port");
        }
    }
}
