package io.meshbench.plugins.openai;

import io.meshbench.plugin.api.PluginContext;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The checked settings of one HTTP engine; every error names the setting and what to write.
 *
 * @param baseUrl     the API's base, ending in {@code /v1} for most servers (no trailing slash)
 * @param model       the model id the server knows
 * @param apiKey      sent as {@code Authorization: Bearer ...}, or null
 * @param stream      whether to stream the answer (server-sent events)
 * @param chat        {@code /chat/completions} with the prompt as a user message, or {@code /completions}
 * @param maxTokens   tokens to generate at most
 * @param temperature sampling temperature
 * @param connectTimeout how long to wait for a connection
 * @param maxOutput   characters of output kept at most
 */
record OpenAiSettings(URI baseUrl, String model, String apiKey, boolean stream, boolean chat, int maxTokens,
                      double temperature, Duration connectTimeout, int maxOutput) {

    static OpenAiSettings of(PluginContext context) {
        String url = context.string("url", null);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the openai engine needs \"url\": the server's API base, e.g. "
                    + "{\"engine\": \"openai\", \"url\": \"http://127.0.0.1:8080/v1\", \"model\": \"qwen2.5-0.5b\"}");
        }
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url \"" + url + "\" is not a URL: " + e.getMessage());
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw new IllegalArgumentException("url \"" + url + "\" must be an http:// or https:// address with a host, "
                    + "e.g. http://127.0.0.1:8080/v1");
        }
        String model = context.string("model", null);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the openai engine needs \"model\": the id of a model the server at "
                    + url + " serves (GET " + url + "/models lists them)");
        }
        String key = context.string("api_key", null);
        String keyEnv = context.string("api_key_env", null);
        if (key == null && keyEnv != null) {
            key = System.getenv(keyEnv);
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("api_key_env names " + keyEnv + ", which is not set in the environment");
            }
        }
        int maxTokens = whole(context, "max_tokens", 128, 1, 1_000_000);
        double temperature = context.number("temperature", 0.8);
        if (!(temperature >= 0 && temperature <= 5)) {
            throw new IllegalArgumentException("temperature must be 0..5, got " + temperature);
        }
        int connect = whole(context, "connect_timeout_ms", 5000, 1, 600_000);
        int maxOutput = whole(context, "max_output_chars", 32768, 1, 1_000_000);
        return new OpenAiSettings(base, model, key, context.flag("stream", true), context.flag("chat", true),
                maxTokens, temperature, Duration.ofMillis(connect), maxOutput);
    }

    private static int whole(PluginContext context, String key, int fallback, int min, int max) {
        double v = context.number(key, fallback);
        if (v != Math.rint(v) || v < min || v > max) {
            throw new IllegalArgumentException(key + " must be a whole number " + min + ".." + max + ", got " + v);
        }
        return (int) v;
    }

    URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }
}
