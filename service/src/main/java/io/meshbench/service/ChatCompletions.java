package io.meshbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's chat completions API into the mesh: {@code POST /v1/chat/completions} (plain, and
 * {@code "stream": true} as Server-Sent Events) and {@code GET /v1/models}. Each request is one
 * auction; the answer names the device that ran it in {@code system_fingerprint}, in the
 * {@code X-MeshBench-Device} header and in a {@code meshbench} object (task id, strategy, rule,
 * reason, time split). The mesh returns an answer whole, so a stream sends the assistant's role at
 * once (the client sees the request taken), then the answer in pieces, then {@code [DONE]}.
 */
final class ChatCompletions {

    static final String MODEL = "meshbench";

    private final Prompts prompts;
    private final TaskBoard board;

    ChatCompletions(Prompts prompts, TaskBoard board) {
        this.prompts = prompts;
        this.board = board;
    }

    void models(Context ctx) {
        ObjectNode out = Json.object();
        out.put("object", "list");
        ObjectNode model = out.putArray("data").addObject();
        model.put("id", MODEL);
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", "meshbench");
        ctx.json(out);
    }

    void complete(Context ctx, ObjectNode body) throws IOException {
        String model = Json.optionalText(body, "model");
        String prompt = prompt(body);
        boolean stream = Json.optionalBoolean(body, "stream", false);
        boolean includeUsage = false;
        JsonNode options = body.get("stream_options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                throw ApiError.badField("stream_options", "must be an object, e.g. {\"include_usage\": true}");
            }
            includeUsage = Json.optionalBoolean((ObjectNode) options, "include_usage", false);
        }
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && !(n.isInt() && n.asInt() == 1)) {
            throw ApiError.badField("n", "must be 1: the mesh gives one answer a prompt");
        }
        String name = model == null || model.isBlank() ? MODEL : model;
        Prompts.Submitted submitted = prompts.submit(Prompts.request(prompt, null, null));
        String id = "chatcmpl-" + submitted.taskId();
        long created = System.currentTimeMillis() / 1000;
        if (!stream) {
            TaskBoard.Task task = prompts.await(submitted);
            requireCompleted(task);
            ObjectNode out = Json.object();
            out.put("id", id);
            out.put("object", "chat.completion");
            out.put("created", created);
            out.put("model", name);
            out.put("system_fingerprint", "meshbench:" + task.device());
            ObjectNode choice = out.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", task.output());
            choice.putNull("logprobs");
            choice.put("finish_reason", "stop");
            out.set("usage", usage(task, prompt));
            out.set("meshbench", meshbench(task));
            ctx.header("X-MeshBench-Device", task.device());
            ctx.header("X-MeshBench-Task", task.id);
            ctx.json(out);
            return;
        }
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-MeshBench-Task", submitted.taskId());
        OutputStream out = ctx.res().getOutputStream();
        ObjectNode first = chunk(id, created, name, null);
        ((ObjectNode) first.withArray("choices").get(0)).putObject("delta").put("role", "assistant").put("content", "");
        send(out, first);
        TaskBoard.Task task;
        try {
            task = prompts.await(submitted);
            requireCompleted(task);
        } catch (ApiError e) {
            // The status line has gone out: the error travels as an event, as OpenAI's own streams do.
            send(out, ServiceErrors.body(e));
            sendRaw(out, "data: [DONE]\n\n");
            return;
        }
        for (String piece : pieces(task.output())) {
            ObjectNode c = chunk(id, created, name, task.device());
            ((ObjectNode) c.withArray("choices").get(0)).putObject("delta").put("content", piece);
            send(out, c);
        }
        ObjectNode last = chunk(id, created, name, task.device());
        ObjectNode lastChoice = (ObjectNode) last.withArray("choices").get(0);
        lastChoice.putObject("delta");
        lastChoice.put("finish_reason", "stop");
        last.set("meshbench", meshbench(task));
        if (!includeUsage) {
            last.set("usage", usage(task, prompt));
        }
        send(out, last);
        if (includeUsage) {
            ObjectNode usage = chunk(id, created, name, task.device());
            usage.putArray("choices");
            usage.set("usage", usage(task, prompt));
            send(out, usage);
        }
        sendRaw(out, "data: [DONE]\n\n");
    }

    /** The messages as one prompt: a lone user message as it is, a conversation as "Role: text" lines. */
    static String prompt(ObjectNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw ApiError.missing("messages", "send e.g. [{\"role\": \"user\", \"content\": \"Describe a sunset\"}]");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.badField("messages", "must be a non-empty array of {\"role\", \"content\"} objects");
        }
        List<String[]> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String at = "messages[" + i + "]";
            if (!m.isObject()) {
                throw ApiError.badField(at, "must be an object with \"role\" and \"content\"");
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual() || role.asText().isBlank()) {
                throw role == null ? ApiError.missing(at + ".role", "each message needs a role (system, user or assistant)")
                        : ApiError.badField(at + ".role", "must be a string such as \"user\"");
            }
            turns.add(new String[]{role.asText(), content(m.get("content"), at + ".content")});
        }
        if (turns.size() == 1) {
            return turns.get(0)[1];
        }
        StringBuilder prompt = new StringBuilder();
        for (String[] turn : turns) {
            String role = turn[0];
            prompt.append(Character.toUpperCase(role.charAt(0))).append(role.substring(1)).append(": ")
                    .append(turn[1]).append('\n');
        }
        return prompt.append("Assistant:").toString();
    }

    private static String content(JsonNode content, String at) {
        if (content == null || content.isNull()) {
            throw ApiError.missing(at, "each message needs its text in \"content\"");
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                JsonNode type = part.get("type");
                if (type == null || !"text".equals(type.asText()) || !part.path("text").isTextual()) {
                    throw ApiError.badField(at, "may hold only {\"type\": \"text\", \"text\": ...} parts: the mesh's models read text");
                }
                text.append(text.isEmpty() ? "" : "\n").append(part.get("text").asText());
            }
            return text.toString();
        }
        throw ApiError.badField(at, "must be a string or an array of text parts");
    }

    private static void requireCompleted(TaskBoard.Task task) {
        if (!task.completed()) {
            throw new ApiError(502, "task_failed", "the mesh could not answer (task " + task.id + "): " + task.error(), null);
        }
    }

    private ObjectNode usage(TaskBoard.Task task, String prompt) {
        int[] tokens = board.tokens(task, prompt);
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", tokens[0]);
        usage.put("completion_tokens", tokens[1]);
        usage.put("total_tokens", tokens[0] + tokens[1]);
        if (tokens[2] == 1) {
            usage.put("estimated", true);
        }
        return usage;
    }

    private ObjectNode meshbench(TaskBoard.Task task) {
        synchronized (board) {
            ObjectNode full = TaskBoard.json(task);
            ObjectNode out = Json.object();
            for (String field : new String[]{"task_id", "device_id", "use_npu", "strategy", "rule", "reason", "timing_ms"}) {
                out.set(field, full.get(field));
            }
            return out;
        }
    }

    private static ObjectNode chunk(String id, long created, String model, String device) {
        ObjectNode c = Json.object();
        c.put("id", id);
        c.put("object", "chat.completion.chunk");
        c.put("created", created);
        c.put("model", model);
        if (device != null) {
            c.put("system_fingerprint", "meshbench:" + device);
        }
        ArrayNode choices = c.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.putNull("finish_reason");
        return c;
    }

    /** The answer in pieces of a few words, each piece ending where a word does. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int words = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && i > start && ++words == 4) {
                pieces.add(text.substring(start, i + 1));
                start = i + 1;
                words = 0;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    private static void send(OutputStream out, ObjectNode event) throws IOException {
        sendRaw(out, "data: " + Json.write(event) + "\n\n");
    }

    private static void sendRaw(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
