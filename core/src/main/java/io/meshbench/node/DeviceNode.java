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
import io.meshbench.protocol.Message;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A device of the mesh, as a state machine that does no I/O. It samples its metric source in the
 * background and answers a {@code BID_REQUEST} at once from the latest sample (the original agent
 * measured CPU for 500 ms on every bid); it runs a {@code TASK} through its SLM engine and answers
 * with a {@code RESULT} whose status is {@code completed} or {@code failed}.
 */
public final class DeviceNode implements ProtocolHandler {

    private final DeviceConfig config;
    private final MetricSourceProvider metricsProvider;
    private final SlmEngineProvider engineProvider;
    private final Map<String, SlmEngine.Run> running = new HashMap<>();
    private MeshContext ctx;
    private MetricSource metrics;
    private SlmEngine engine;
    private MetricSample latest = MetricSample.unknown();
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
        sampler = ctx.schedule(config.sampleInterval(), this::sample);
    }

    @Override
    public void onMessage(Message message) {
        switch (message) {
            case BidRequest request -> ctx.send(request.sender(), new BidResponse(ctx.self(), request.taskId(),
                    ctx.self(), latest.cpuLoad(), latest.ramLoad(), latest.battery(), config.hasNpu(),
                    running.size() < config.maxTasks()));
            case TaskRequest task -> onTask(task);
            case BidResponse m -> unexpected(m);
            case TaskResult m -> unexpected(m);
        }
    }

    private void onTask(TaskRequest task) {
        if (running.containsKey(task.taskId())) {
            ctx.emit(new MeshEvent.InputRejected(ctx.now(), ctx.self(), task.sender(), "TASK " + task.taskId()
                    + " from " + task.sender() + " is already running here; the repeat is ignored", task.taskId()));
            return;
        }
        if (running.size() >= config.maxTasks()) {
            reply(task, TaskResult.FAILED, TaskResult.BUSY + ": " + running.size() + " tasks running (max_tasks "
                    + config.maxTasks() + ")");
            return;
        }
        ctx.emit(new MeshEvent.TaskStarted(ctx.now(), ctx.self(), task.taskId(), task.sender(), task.useNpu()));
        SlmRequest request = new SlmRequest(task.taskId(), task.prompt(), task.useNpu(), config.taskTimeout());
        try {
            // The engine may call back from any thread: post the end back onto this node's thread.
            SlmEngine.Run run = engine.start(request, result -> ctx.post(() -> finished(task, result)));
            running.put(task.taskId(), run);
            metrics.onTaskCountChanged(running.size());
        } catch (RuntimeException e) {
            finished(task, SlmResult.failed(SlmResult.Status.FAILED, "SLM engine " + config.slm()
                    + " failed to start: " + e, "", Duration.ZERO));
        }
    }

    private void finished(TaskRequest task, SlmResult result) {
        running.remove(task.taskId());
        metrics.onTaskCountChanged(running.size());
        ctx.emit(new MeshEvent.TaskExecuted(ctx.now(), ctx.self(), task.taskId(), result.status(),
                result.error(), result.promptTokens(), result.generatedTokens(), result.elapsed().toNanos()));
        if (result.status() == SlmResult.Status.COMPLETED) {
            reply(task, TaskResult.COMPLETED, result.output());
        } else {
            reply(task, TaskResult.FAILED, result.status().name().toLowerCase() + ": " + result.error());
        }
    }

    private void reply(TaskRequest task, String status, String output) {
        ctx.send(task.sender(), new TaskResult(ctx.self(), task.taskId(), ctx.self(), status, output));
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
        running.values().forEach(SlmEngine.Run::cancel);
        running.clear();
        engine.close();
        metrics.close();
    }
}
