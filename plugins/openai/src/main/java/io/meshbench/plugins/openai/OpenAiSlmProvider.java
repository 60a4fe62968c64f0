package io.meshbench.plugins.openai;

import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmEngineProvider;
import io.meshbench.plugin.api.SlmRequest;

import java.net.http.HttpClient;

/**
 * An SLM engine that asks a server speaking the OpenAI API: llama.cpp's {@code llama-server},
 * Ollama, LM Studio, MLC, vLLM, on this machine, another, or a phone (Termux).
 *
 * <p>Settings: {@code url} (required: the API base, e.g. {@code http://127.0.0.1:8080/v1});
 * {@code model} (required: a model id the server lists at {@code /models}); {@code api_key}, or
 * {@code api_key_env} (the name of an environment variable holding it, so the key stays out of
 * config files); {@code stream} (default true); {@code chat} (default true: {@code /chat/completions};
 * false: {@code /completions} with the raw prompt); {@code max_tokens} (128); {@code temperature}
 * (0.8); {@code connect_timeout_ms} (5000); {@code max_output_chars} (32768).
 *
 * <p>Token counts come from the answer's {@code usage}; prompt and generation times from
 * llama.cpp's {@code timings} where the server sends them. An unreachable server, a model it does
 * not serve, an HTTP error and an answer that is not an OpenAI completion each fail the task with a
 * message that says which and what to do.
 */
public final class OpenAiSlmProvider implements SlmEngineProvider {

    public static final String NAME = "openai";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Asks an OpenAI-compatible server (llama-server, Ollama, LM Studio, MLC, vLLM): streamed, with its token counts and timings.";
    }

    @Override
    public SlmEngine create(PluginContext context) {
        OpenAiSettings settings = OpenAiSettings.of(context);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        ModelCheck check = new ModelCheck(settings);
        return new SlmEngine() {
            @Override
            public Run start(SlmRequest request, Listener listener) {
                return OpenAiRun.start(context, settings, client, check, request, listener);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
