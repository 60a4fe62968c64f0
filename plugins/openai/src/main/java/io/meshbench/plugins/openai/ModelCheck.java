package io.meshbench.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the server once which models it serves ({@code GET /models}) and says so clearly when the
 * configured one is not among them. A server that does not list its models, or cannot be asked, is
 * not held against the engine: the run itself then says what went wrong.
 */
final class ModelCheck {

    private final OpenAiSettings settings;
    private volatile boolean checked;
    private volatile String problem;

    ModelCheck(OpenAiSettings settings) {
        this.settings = settings;
    }

    /** Null when the model is served (or the server cannot say), else the error to report. */
    String problem(HttpClient client) throws InterruptedException {
        if (checked) {
            return problem;
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(settings.endpoint("/models"))
                .timeout(Duration.ofSeconds(10)).GET();
        if (settings.apiKey() != null) {
            http.header("Authorization", "Bearer " + settings.apiKey());
        }
        try {
            HttpResponse<String> response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                checked = true;
                return null;
            }
            JsonNode data = new ObjectMapper().readTree(response.body()).path("data");
            List<String> ids = new ArrayList<>();
            data.forEach(m -> ids.add(m.path("id").asText()));
            checked = true;
            if (!ids.isEmpty() && !ids.contains(settings.model())) {
                problem = "the server at " + settings.baseUrl() + " has no model \"" + settings.model()
                        + "\"; it serves " + ids + ": set the engine's \"model\" to one of them";
            }
            return problem;
        } catch (IOException e) {
            return null; // unreachable or odd: the run's own request reports it
        }
    }
}
