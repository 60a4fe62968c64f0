package io.meshbench.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One prompt sent to the server, on a virtual thread: the answer streamed piece by piece (server-sent
 * events) or read whole; token counts from the answer's {@code usage} (or llama.cpp's {@code timings});
 * prompt and generation times from llama.cpp's {@code timings} where the server sends them, else
 * measured here from the stream. The task's timeout and a cancel close the connection, which makes
 * llama.cpp's server stop generating.
 */
final class OpenAiRun implements SlmEngine.Run {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4 << 20;

    private final PluginContext context;
    private final OpenAiSettings settings;
    private final HttpClient client;
    private final ModelCheck modelCheck;
    private final SlmRequest request;
    private final SlmEngine.Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final StringBuilder output = new StringBuilder();
    private final long started;
    private volatile CompletableFuture<HttpResponse<InputStream>> exchange;
    private volatile InputStream body;
    private PluginContext.Cancellable timer;

    private OpenAiRun(PluginContext context, OpenAiSettings settings, HttpClient client, ModelCheck modelCheck,
                      SlmRequest request, SlmEngine.Listener listener) {
        this.context = context;
        this.settings = settings;
        this.client = client;
        this.modelCheck = modelCheck;
        this.request = request;
        this.listener = listener;
        this.started = context.nowNanos();
    }

    static OpenAiRun start(PluginContext context, OpenAiSettings settings, HttpClient client, ModelCheck check,
                           SlmRequest request, SlmEngine.Listener listener) {
        OpenAiRun run = new OpenAiRun(context, settings, client, check, request, listener);
        run.timer = context.schedule(request.timeout(), () -> run.stop(SlmResult.Status.TIMED_OUT,
                "the server did not finish within the timeout of " + request.timeout().toMillis() + " ms"));
        Thread.ofVirtual().name("openai-" + request.taskId()).start(run::exchange);
        return run;
    }

    private String where() {
        return "the server at " + settings.baseUrl();
    }

    private void exchange() {
        long t0 = System.nanoTime();
        try {
            String problem = modelCheck.problem(client);
            if (problem != null) {
                fail(problem);
                return;
            }
            String path = settings.chat() ? "/chat/completions" : "/completions";
            HttpRequest.Builder http = HttpRequest.newBuilder(settings.endpoint(path))
                    .timeout(request.timeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", settings.stream() ? "text/event-stream" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body().toString(), StandardCharsets.UTF_8));
            if (settings.apiKey() != null) {
                http.header("Authorization", "Bearer " + settings.apiKey());
            }
            exchange = client.sendAsync(http.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (ended.get()) {
                exchange.cancel(true);
                return;
            }
            HttpResponse<InputStream> response = exchange.get();
            body = response.body();
            if (ended.get()) {
                body.close();
                return;
            }
            try (InputStream in = body) {
                if (response.statusCode() != 200) {
                    fail(httpError(response.statusCode(), excerpt(in.readNBytes(4096)), path));
                    return;
                }
                Answer answer = new Answer();
                if (settings.stream()) {
                    readStream(in, answer, t0);
                } else {
                    byte[] bytes = in.readNBytes(MAX_BODY);
                    JsonNode json = parse(new String(bytes, StandardCharsets.UTF_8));
                    answer.take(json, settings.chat());
                    if (answer.text.isEmpty() && !answer.sawChoice) {
                        fail(where() + " answered without choices, which is not an OpenAI completion: "
                                + excerpt(bytes));
                        return;
                    }
                    append(answer.text.toString());
                    if (!answer.text.isEmpty()) {
                        listener.onOutput(answer.text.toString());
                    }
                }
                finish(answer, t0);
            }
        } catch (BadAnswer e) {
            fail(e.getMessage());
        } catch (ExecutionException e) {
            if (!ended.get()) {
                fail(connectionError(e.getCause()));
            }
        } catch (CancellationException | InterruptedException e) {
            // cancelled or timed out: already ended
        } catch (IOException e) {
            if (!ended.get()) {
                fail("the connection to " + settings.baseUrl() + " broke: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            fail("the openai engine failed on " + where() + "'s answer: " + e);
        }
    }

    private ObjectNode body() {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        if (settings.chat()) {
            ObjectNode message = body.putArray("messages").addObject();
            message.put("role", "user");
            message.put("content", request.prompt());
        } else {
            body.put("prompt", request.prompt());
        }
        body.put("max_tokens", settings.maxTokens());
        body.put("temperature", settings.temperature());
        body.put("stream", settings.stream());
        if (settings.stream()) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    private void readStream(InputStream in, Answer answer, long t0) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        boolean done = false;
        while (!done && (line = lines.readLine()) != null) {
            if (ended.get()) {
                return;
            }
            if (!line.startsWith("data:")) {
                continue; // blank separators, comments, event names
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                done = true;
                continue;
            }
            JsonNode json = parse(data);
            int before = answer.text.length();
            answer.take(json, settings.chat());
            if (answer.text.length() > before) {
                if (answer.firstPiece < 0) {
                    answer.firstPiece = System.nanoTime() - t0;
                }
                String piece = answer.text.substring(before);
                answer.pieces++;
                append(piece);
                listener.onOutput(piece);
            }
        }
        if (!done && !answer.sawChoice) {
            throw new BadAnswer(where() + " closed the stream without sending any completion");
        }
    }

    private JsonNode parse(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            throw new BadAnswer(where() + " answered something that is not JSON: " + excerpt(text));
        }
        if (json == null || !json.isObject()) {
            throw new BadAnswer(where() + " answered something that is not a JSON object: " + excerpt(text));
        }
        JsonNode error = json.get("error");
        if (error != null && !error.isNull()) {
            String message = error.isObject() ? error.path("message").asText(error.toString()) : error.asText();
            throw new BadAnswer(where() + " reported an error: " + message);
        }
        return json;
    }

    private synchronized void append(String piece) {
        int room = settings.maxOutput() - output.length();
        output.append(piece.length() > room ? piece.substring(0, Math.max(0, room)) : piece);
    }

    private void finish(Answer answer, long t0) {
        long total = System.nanoTime() - t0;
        int prompt = answer.promptTokens >= 0 ? answer.promptTokens : answer.timingPromptTokens;
        int generated = answer.completionTokens >= 0 ? answer.completionTokens : answer.timingGeneratedTokens;
        Duration firstToken = answer.firstPiece < 0 ? null : Duration.ofNanos(answer.firstPiece);
        SlmResult.Timings timings;
        if (answer.promptMs >= 0 && answer.decodeMs >= 0) {
            timings = new SlmResult.Timings(firstToken, millis(answer.promptMs), millis(answer.decodeMs), true);
        } else if (firstToken != null) {
            timings = new SlmResult.Timings(firstToken, firstToken, Duration.ofNanos(total - answer.firstPiece), false);
        } else {
            timings = SlmResult.Timings.UNKNOWN;
        }
        String text;
        synchronized (this) {
            text = output.toString();
        }
        end(SlmResult.completed(text, prompt, generated, elapsed()).withTimings(timings));
    }

    private static Duration millis(double ms) {
        return Duration.ofNanos(Math.round(ms * 1e6));
    }

    private String httpError(int code, String body, String path) {
        return switch (code) {
            case 401, 403 -> where() + " refused the request (HTTP " + code + ": " + body
                    + "); set the engine's \"api_key\" or \"api_key_env\"";
            case 404 -> where() + " has no " + path + " or no model \"" + settings.model() + "\" (HTTP 404: " + body
                    + "); check \"url\" (most servers' API base ends in /v1) and \"model\"";
            default -> where() + " answered HTTP " + code + ": " + body;
        };
    }

    private String connectionError(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "cannot reach " + where() + ": no connection within " + settings.connectTimeout().toMillis()
                    + " ms; check \"url\" and that the server runs";
        }
        if (cause instanceof ConnectException) {
            return "cannot reach " + where() + ": connection refused; start the server (e.g. llama-server -m "
                    + "MODEL.gguf --port 8080) or fix \"url\"";
        }
        return "the request to " + settings.baseUrl() + " failed: " + cause;
    }

    static String excerpt(byte[] bytes) {
        return excerpt(new String(bytes, StandardCharsets.UTF_8));
    }

    static String excerpt(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        return s.isEmpty() ? "(empty)" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Override
    public void cancel() {
        stop(SlmResult.Status.CANCELLED, "cancelled");
    }

    private void stop(SlmResult.Status status, String why) {
        if (ended.get()) {
            return;
        }
        String partial;
        synchronized (this) {
            partial = output.toString();
        }
        end(SlmResult.failed(status, why, partial, elapsed()));
        CompletableFuture<HttpResponse<InputStream>> e = exchange;
        if (e != null) {
            e.cancel(true);
        }
        InputStream in = body;
        if (in != null) {
            try {
                in.close(); // the server sees the connection close and stops generating
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private void fail(String why) {
        String partial;
        synchronized (this) {
            partial = output.toString();
        }
        end(SlmResult.failed(SlmResult.Status.FAILED, why, partial, elapsed()));
    }

    private void end(SlmResult result) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        listener.onComplete(result);
    }

    private Duration elapsed() {
        return Duration.ofNanos(Math.max(0, context.nowNanos() - started));
    }

    /** What the answer said, gathered over its chunks. */
    private static final class Answer {
        final StringBuilder text = new StringBuilder();
        boolean sawChoice;
        long firstPiece = -1;
        int pieces;
        int promptTokens = -1;
        int completionTokens = -1;
        int timingPromptTokens = -1;
        int timingGeneratedTokens = -1;
        double promptMs = -1;
        double decodeMs = -1;

        void take(JsonNode json, boolean chat) {
            JsonNode choices = json.get("choices");
            if (choices != null && choices.isArray() && !choices.isEmpty()) {
                sawChoice = true;
                JsonNode choice = choices.get(0);
                JsonNode content = chat
                        ? (choice.has("delta") ? choice.path("delta").path("content") : choice.path("message").path("content"))
                        : choice.path("text");
                if (content.isTextual()) {
                    text.append(content.asText());
                }
            } else if (choices != null && !choices.isArray()) {
                throw new BadAnswer("\"choices\" is not a list in the server's answer: " + excerpt(json.toString()));
            }
            JsonNode usage = json.get("usage");
            if (usage != null && usage.isObject()) {
                promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
                completionTokens = usage.path("completion_tokens").asInt(completionTokens);
            }
            JsonNode timings = json.get("timings"); // llama.cpp's server
            if (timings != null && timings.isObject()) {
                timingPromptTokens = timings.path("prompt_n").asInt(timingPromptTokens);
                timingGeneratedTokens = timings.path("predicted_n").asInt(timingGeneratedTokens);
                promptMs = timings.path("prompt_ms").asDouble(promptMs);
                decodeMs = timings.path("predicted_ms").asDouble(decodeMs);
            }
        }
    }

    /** The server's answer is not what the API promises. */
    private static final class BadAnswer extends RuntimeException {
        BadAnswer(String message) {
            super(message);
        }
    }
}
