package io.meshbench.service;

import io.meshbench.live.DeviceProfile;
import io.meshbench.live.MeshSession;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.meshbench.protocol.DeviceId;

import java.io.IOException;
import java.time.Duration;

/** The JSON API under {@code /api}: the mesh, its tasks, its devices and its strategy. */
final class ApiRoutes {

    private final MeshSession mesh;
    private final TaskBoard tasks;
    private final DeviceBoard devices;
    private final Prompts prompts;
    private final MeshService.Settings settings;
    private final boolean tokenRequired;

    ApiRoutes(MeshSession mesh, TaskBoard tasks, DeviceBoard devices, Prompts prompts, MeshService.Settings settings,
              boolean tokenRequired) {
        this.mesh = mesh;
        this.tasks = tasks;
        this.devices = devices;
        this.prompts = prompts;
        this.settings = settings;
        this.tokenRequired = tokenRequired;
    }

    /** {@code GET /api/mesh}: what the page needs to draw itself. */
    void mesh(Context ctx) {
        ObjectNode out = Json.object();
        out.put("description", mesh.description());
        out.put("simulated", mesh.simulated());
        out.put("orchestrator", mesh.orchestratorId());
        out.put("strategy", mesh.strategyName());
        ArrayNode strategies = out.putArray("strategies");
        mesh.strategyNames().forEach(strategies::add);
        ArrayNode profiles = out.putArray("profiles");
        for (DeviceProfile profile : DeviceProfile.values()) {
            profiles.addObject().put("key", profile.key()).put("label", profile.label()).put("has_npu", profile.npu());
        }
        out.put("priority_supported", true);
        out.put("token_required", tokenRequired);
        ObjectNode limits = out.putObject("limits");
        limits.put("max_body_bytes", settings.maxBodyBytes());
        limits.put("max_prompt_bytes", Prompts.MAX_PROMPT_BYTES);
        limits.put("max_in_flight", prompts.maxInFlight());
        limits.put("max_waiting", settings.maxWaiting());
        out.put("in_flight", prompts.inFlight());
        out.put("waiting", prompts.waiting());
        ctx.json(out);
    }

    /** {@code POST /api/tasks}: {"prompt", "npu_prompt"?, "cpu_prompt"?, "priority"?, "deadline_s"?, "wait"?}. */
    void submit(Context ctx, ObjectNode body) {
        String prompt = Json.text(body, "prompt", "send the text to run, e.g. {\"prompt\": \"Describe a sunset\"}");
        var request = Prompts.request(prompt, Json.optionalText(body, "npu_prompt"), Json.optionalText(body, "cpu_prompt"));
        if (body.has("priority")) {
            if (!body.get("priority").isTextual()) {
                throw ApiError.badField("priority", "must be \"high\", \"normal\" or \"low\", got " + body.get("priority"));
            }
            try {
                request = request.withPriority(io.meshbench.schedule.Priority.parse(body.get("priority").textValue()));
            } catch (IllegalArgumentException e) {
                throw ApiError.badField("priority", e.getMessage());
            }
        }
        if (body.has("deadline_s")) {
            var deadline = body.get("deadline_s");
            if (!deadline.isNumber() || !(deadline.doubleValue() > 0) || deadline.doubleValue() > 86_400) {
                throw ApiError.badField("deadline_s", "must be a number of seconds above 0 and at most 86400, got " + deadline);
            }
            request = request.withDeadline(Duration.ofMillis((long) (deadline.doubleValue() * 1000)));
        }
        boolean wait = Json.optionalBoolean(body, "wait", false);
        Prompts.Submitted submitted = prompts.submit(request);
        if (wait) {
            prompts.await(submitted);
            ctx.json(tasks.follow(submitted.taskId(), Duration.ZERO));
            return;
        }
        ObjectNode out = Json.object();
        out.put("task_id", submitted.taskId());
        out.put("state", "bidding");
        out.put("follow", "/api/tasks/" + submitted.taskId() + "?wait=30");
        ctx.status(202).json(out);
    }

    /** {@code GET /api/tasks?limit=N}: the newest tasks first. */
    void list(Context ctx) {
        int limit = intParam(ctx, "limit", 50, 1, TaskBoard.DEFAULT_CAPACITY);
        ObjectNode out = Json.object();
        out.set("tasks", tasks.list(limit));
        ctx.json(out);
    }

    /** {@code GET /api/tasks/{id}?wait=SECONDS}: the task, once ended or after the wait. */
    void follow(Context ctx) {
        int wait = intParam(ctx, "wait", 0, 0, 600);
        ctx.json(tasks.follow(ctx.pathParam("id"), Duration.ofSeconds(wait)));
    }

    void devices(Context ctx) {
        int samples = intParam(ctx, "samples", 120, 0, DeviceBoard.SAMPLES);
        ObjectNode out = Json.object();
        out.set("devices", devices.list(mesh.devices(), mesh, samples));
        ctx.json(out);
    }

    /** {@code POST /api/devices}: {"profile"?, "id"?}, a new simulated device. */
    void addDevice(Context ctx, ObjectNode body) throws IOException {
        String key = Json.optionalText(body, "profile");
        DeviceProfile profile;
        try {
            profile = key == null ? DeviceProfile.NPU_FLAGSHIP : DeviceProfile.of(key);
        } catch (IllegalArgumentException e) {
            throw ApiError.badField("profile", e.getMessage());
        }
        String id = Json.optionalText(body, "id");
        if (id != null) {
            try {
                DeviceId.check("id", id);
            } catch (IllegalArgumentException e) {
                throw ApiError.badField("id", e.getMessage().substring(3));
            }
        }
        String added = mesh.addDevice(profile, id);
        ctx.status(201).json(device(added));
    }

    void kill(Context ctx) {
        String id = ctx.pathParam("id");
        mesh.kill(id);
        ctx.json(device(id));
    }

    void revive(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        mesh.revive(id);
        ctx.json(device(id));
    }

    void remove(Context ctx) {
        String id = ctx.pathParam("id");
        mesh.remove(id);
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("removed", true);
        ctx.json(out);
    }

    private ObjectNode device(String id) {
        for (var node : devices.list(mesh.devices(), mesh, 0)) {
            if (node.get("id").asText().equals(id)) {
                return (ObjectNode) node;
            }
        }
        throw ApiError.notFound("no device " + id + " in this mesh");
    }

    void strategy(Context ctx) {
        ObjectNode out = Json.object();
        out.put("strategy", mesh.strategyName());
        ArrayNode names = out.putArray("strategies");
        mesh.strategyNames().forEach(names::add);
        ctx.json(out);
    }

    /** {@code PUT /api/strategy}: {"strategy": NAME}. */
    void setStrategy(Context ctx, ObjectNode body) {
        try {
            mesh.setStrategy(Json.text(body, "strategy", "name one of " + mesh.strategyNames())).join();
        } catch (IllegalArgumentException e) {
            throw ApiError.badField("strategy", e.getMessage());
        }
        strategy(ctx);
    }

    private static int intParam(Context ctx, String name, int otherwise, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new ApiError(400, "bad_parameter", "query parameter " + name + "=" + raw + " must be a whole number from "
                + min + " to " + max, name);
    }
}
