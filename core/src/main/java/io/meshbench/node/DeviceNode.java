package io.meshbench.node;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Adjustable;
import io.meshbench.plugin.api.MetricSample;
import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.MetricSourceProvider;
import io.meshbench.plugin.api.PluginContext.Cancellable;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmEngineProvider;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;
import io.meshbench.protocol.BidRequest;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.Heartbeat;
import io.meshbench.protocol.HeartbeatAck;
import io.meshbench.protocol.Message;
import io.meshbench.protocol.TaskAck;
import io.meshbench.protocol.TaskCancel;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A device of the mesh, as a state machine that does no I/O. It samples its metric source in the
 * background and answers a {@code BID_REQUEST} at once from the latest sample (the original agent
 * measured CPU for 500 ms on every bid); it runs a {@code TASK} through its SLM engine and answers
 * with a {@code RESULT} whose status is {@code completed} or {@code failed}. To a peer that speaks
 * protocol v1 it also answers {@code HEARTBEAT}s (with its incarnation, new on every start),
 * acknowledges a TASK's attempt with the duration it expects, stops a run on {@code CANCEL}, and
 * numbers its RESULT with the attempt.
 */
public final class DeviceNode implements ProtocolHandler {

    /**
     * The longest prompt a TASK may carry; with max_tasks it bounds the prompt bytes a device holds
     * (a seed prompt is a sentence; a RESULT must fit in a 64 KiB line anyway).
     */
    public static final int MAX_PROMPT_CHARS = 16 * 1024;

    private final DeviceConfig config;
    private final MetricSourceProvider metricsProvider;
    private final SlmEngineProvider engineProvider;
    private final Map<String, Running> running = new HashMap<>();
    /** A moving average of this device's own run times, for an ACK when the engine cannot tell. */
    private double averageRunNanos = -1;
    private String incarnation;

    /** A run in progress and the attempt it answers. */
    private static final class Running {
        SlmEngine.Run run;
        int attempt;
        /** Stopped by a CANCEL: the orchestrator wants no RESULT. */
        boolean cancelled;

        Running(int attempt) {
            this.attempt = attempt;
        }
    }
    private MeshContext ctx;
    private MetricSource metrics;
    private SlmEngine engine;
    private MetricSample latest = MetricSample.unknown();
    /** The next sampling, made once: a node samples every interval of its life. */
    private final Runnable sampleAgain = this::sample;
    private Cancellable sampler;

    public DeviceNode(DeviceConfig config, MetricSourceProvider metrics, SlmEngineProvider engine) {
        this.config = config;
        this.metricsProvider = metrics;
        this.engineProvider = engine;
    }

    @Override
    public String role() {
        return "device";
    }

    public DeviceConfig config() {
        return config;
    }

    /** The sample the next bid will carry. */
    public MetricSample latestSample() {
        return latest;
    }

    @Override
    public void start(MeshContext context) {
        this.ctx = context;
        this.incarnation = Long.toHexString(context.now()) + "-" + Integer.toHexString(context.random().nextInt());
        this.metrics = metricsProvider.create(new NodePluginContext(context, config.metrics(), config.metricsConfig()));
        this.engine = engineProvider.create(new NodePluginContext(context, config.slm(), config.slmConfig()));
        sample();
    }

    private void sample() {
        try {
            latest = metrics.sample();
        } catch (RuntimeException e) {
            latest = MetricSample.unknown();
            ctx.emit(new MeshEvent.NodeError(ctx.now(), ctx.self(), "metric source " + config.metrics()
                    + " failed to sample: " + e + "; bidding with unknown load"));
        }
        ctx.emit(new MeshEvent.MetricSampled(ctx.now(), ctx.self(), latest.cpuLoad().orElse(-1),
                latest.ramLoad().orElse(-1), latest.battery().orElse(-1), running.size()));
        sampler = ctx.schedule(config.sampleInterval(), sampleAgain);
    }

    @Override
    public void onMessage(Message message) {
        switch (message) {
            case BidRequest request -> ctx.send(request.sender(), new BidResponse(ctx.self(), request.taskId(),
                    ctx.self(), latest.cpuLoad(), latest.ramLoad(), latest.battery(), config.hasNpu(),
                    running.size() < config.maxTasks()));
            case TaskRequest task -> onTask(task);
            case Heartbeat beat -> ctx.send(beat.sender(), new HeartbeatAck(ctx.self(), beat.seq(), incarnation,
                    running.size()));
            case TaskCancel cancel -> onCancel(cancel);
            case BidResponse m -> unexpected(m);
            case TaskResult m -> unexpected(m);
            case HeartbeatAck m -> unexpected(m);
            case TaskAck m -> unexpected(m);
        }
    }

    private void onTask(TaskRequest task) {
        Running already = running.get(task.taskId());
        if (already != null && task.attempt() > already.attempt) {
            // The orchestrator gave up on an earlier attempt here and came back: this run answers the new one.
            already.attempt = task.attempt();
            acknowledge(task);
            return;
        }
        if (already != null) {
            ctx.emit(new MeshEvent.InputRejected(ctx.now(), ctx.self(), task.sender(), "TASK " + task.taskId()
                    + " from " + task.sender() + " is already running here; the repeat is ignored", task.taskId()));
            return;
        }
        if (task.prompt().length() > MAX_PROMPT_CHARS) {
            reply(task.sender(), task.taskId(), task.attempt(), TaskResult.FAILED, "prompt of " + task.prompt().length()
                    + " characters is over this device's "
                    + "limit of " + MAX_PROMPT_CHARS + "; not run");
            return;
        }
        if (running.size() >= config.maxTasks()) {
            reply(task.sender(), task.taskId(), task.attempt(), TaskResult.FAILED, TaskResult.BUSY + ": "
                    + running.size() + " tasks running (max_tasks " + config.maxTasks() + ")");
            return;
        }
        ctx.emit(new MeshEvent.TaskStarted(ctx.now(), ctx.self(), task.taskId(), task.sender(), task.useNpu()));
        SlmRequest request = new SlmRequest(task.taskId(), task.prompt(), task.useNpu(), config.taskTimeout());
        Running entry = new Running(task.attempt());
        running.put(task.taskId(), entry);
        try {
            // The engine may call back from any thread: post the end back onto this node's thread.
            entry.run = engine.start(request, result -> ctx.post(() -> finished(task, entry, result)));
            metrics.onTaskCountChanged(running.size());
            acknowledge(task, request);
        } catch (RuntimeException e) {
            finished(task, entry, SlmResult.failed(SlmResult.Status.FAILED, "SLM engine " + config.slm()
                    + " failed to start: " + e, "", Duration.ZERO));
        }
    }

    /** ACK of a numbered attempt (protocol v1), with the duration this device expects. */
    private void acknowledge(TaskRequest task, SlmRequest request) {
        if (task.attempt() < 1) {
            return;
        }
        long expectedMs = engine.expectedDuration(request).map(Duration::toMillis)
                .orElse(averageRunNanos < 0 ? 0 : (long) (averageRunNanos / 1e6));
        ctx.send(task.sender(), new TaskAck(ctx.self(), task.taskId(), task.attempt(), Math.max(0, expectedMs)));
    }

    private void acknowledge(TaskRequest task) {
        acknowledge(task, new SlmRequest(task.taskId(), task.prompt(), task.useNpu(), config.taskTimeout()));
    }

    private void onCancel(TaskCancel cancel) {
        Running entry = running.get(cancel.taskId());
        if (entry == null || entry.attempt > cancel.attempt()) {
            return; // over already, or a newer attempt runs here
        }
        running.remove(cancel.taskId());
        entry.cancelled = true;
        metrics.onTaskCountChanged(running.size());
        ctx.emit(new MeshEvent.TaskCancelled(ctx.now(), ctx.self(), cancel.taskId(), cancel.attempt(), cancel.sender(),
                cancel.reason()));
        if (entry.run != null) {
            entry.run.cancel();
        }
    }

    private void finished(TaskRequest task, Running entry, SlmResult result) {
        ctx.emit(new MeshEvent.TaskExecuted(ctx.now(), ctx.self(), task.taskId(), result.status(),
                result.error(), result.promptTokens(), result.generatedTokens(), result.elapsed().toNanos()));
        if (entry.cancelled) {
            return; // the orchestrator wants no RESULT
        }
        running.remove(task.taskId(), entry);
        metrics.onTaskCountChanged(running.size());
        if (result.status() == SlmResult.Status.COMPLETED) {
            long elapsed = result.elapsed().toNanos();
            averageRunNanos = averageRunNanos < 0 ? elapsed : averageRunNanos + 0.2 * (elapsed - averageRunNanos);
            reply(task.sender(), task.taskId(), entry.attempt, TaskResult.COMPLETED, result.output());
        } else {
            reply(task.sender(), task.taskId(), entry.attempt, TaskResult.FAILED,
                    result.status().name().toLowerCase() + ": " + result.error());
        }
    }

    private void reply(String orchestrator, String taskId, int attempt, String status, String output) {
        // counted in encoded bytes: 11k non-ASCII characters already make 64 KiB of escapes
        ctx.send(orchestrator, new TaskResult(ctx.self(), taskId, ctx.self(), status,
                TaskResult.fitOutput(output, TaskResult.MAX_OUTPUT_BYTES), attempt));
    }

    private void unexpected(Message message) {
        ctx.emit(new MeshEvent.InputRejected(ctx.now(), ctx.self(), message.sender(), message.type() + " from "
                + message.sender() + " reached device " + ctx.self() + ", which only takes BID_REQUEST and TASK",
                message.taskId()));
    }

    /**
     * Changes a simulated condition of this device (see {@link Adjustable}) in every plugin that
     * models it; returns whether any did.
     */
    public boolean adjust(String condition, double value) {
        boolean applied = metrics instanceof Adjustable m && m.adjust(condition, value);
        applied |= engine instanceof Adjustable e && e.adjust(condition, value);
        if (!applied) {
            ctx.emit(new MeshEvent.NodeError(ctx.now(), ctx.self(), "neither metric source " + config.metrics()
                    + " nor SLM engine " + config.slm() + " can simulate " + condition + "; the fault has no effect"));
        } else if (Adjustable.BATTERY.equals(condition)) {
            sampler.cancel();
            sample(); // the next bid carries the new level
        }
        return applied;
    }

    @Override
    public void stop() {
        if (sampler != null) {
            sampler.cancel();
        }
        List<Running> runs = List.copyOf(running.values());
        running.clear();
        runs.forEach(r -> {
            if (r.run != null) {
                r.run.cancel();
            }
        });
        engine.close();
        metrics.close();
    }
}
