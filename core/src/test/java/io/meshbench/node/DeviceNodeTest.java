package io.meshbench.node;

import io.meshbench.event.MeshEvent.InputRejected;
import io.meshbench.event.MeshEvent.MetricSampled;
import io.meshbench.event.MeshEvent.TaskExecuted;
import io.meshbench.event.MeshEvent.TaskStarted;
import io.meshbench.plugins.simulated.SimulatedMetricsProvider;
import io.meshbench.plugins.simulated.SimulatedSlmProvider;
import io.meshbench.protocol.BidRequest;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import io.meshbench.testing.ManualContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static io.meshbench.testing.ManualContext.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceNodeTest {

    static final String A = "Device_A";
    static final String B = "Device_B";

    /** 8 characters: 2 prompt tokens for the simulated model. */
    static final String PROMPT = "sunset!!";

    /**
     * Rates chosen so that the modelled times are exact: on the NPU 2 / 4 + 10 / 10 = 1.5 s, on the
     * CPU 2 / 2 + 10 / 5 = 3 s.
     */
    static final Map<String, Object> SLM = Map.of("max_tokens", 10,
            "prefill_tps_npu", 4, "decode_tps_npu", 10,
            "prefill_tps_cpu", 2, "decode_tps_cpu", 5);
    static final Duration NPU_RUN = Duration.ofMillis(1500);
    static final Duration CPU_RUN = Duration.ofSeconds(3);

    private ManualContext ctx;
    private DeviceNode node;

    private static DeviceConfig config(String id, boolean npu, double cpu, double ram, int battery, int maxTasks,
                                       Duration taskTimeout) {
        return new DeviceConfig(id, npu, SimulatedMetricsProvider.NAME,
                Map.of("cpu_load", cpu, "ram_load", ram, "battery", battery, "cpu_per_task", 0.25),
                SimulatedSlmProvider.NAME, SLM, maxTasks, Duration.ofMillis(500), taskTimeout);
    }

    /** The seed's Device_B: NPU, CPU 45.2 %, RAM 60 %, battery 85. */
    private DeviceNode start(DeviceConfig config) {
        ctx = new ManualContext(config.deviceId(), 7L, List.of(A));
        node = ctx.start(new DeviceNode(config, new SimulatedMetricsProvider(), new SimulatedSlmProvider()));
        return node;
    }

    private DeviceNode startSeedDeviceB(int maxTasks) {
        return start(config(B, true, 0.452, 0.60, 85, maxTasks, Duration.ofSeconds(290)));
    }

    static TaskRequest task(String taskId, String prompt, boolean npu) {
        return new TaskRequest(A, taskId, prompt, npu, npu ? TaskRequest.NPU_PROMPT : TaskRequest.CPU_PROMPT);
    }

    static BidRequest bidRequest(String taskId) {
        return new BidRequest(A, taskId, BidRequest.SLM_INFERENCE, PROMPT, 10);
    }

    @Test
    void roleIsDevice() {
        assertEquals("device", startSeedDeviceB(4).role());
    }

    // ---- bidding ---------------------------------------------------------------------------------

    @Test
    void bidRequestIsAnsweredAtOnceWithTheConfiguredMetrics() {
        startSeedDeviceB(4);
        ctx.deliver(bidRequest("task_123"));

        BidResponse bid = ctx.singleSent(BidResponse.class);
        assertEquals(List.of(bid), ctx.sentTo(A, BidResponse.class), "the bid goes back to the orchestrator");
        assertEquals(B, bid.sender());
        assertEquals(B, bid.deviceId());
        assertEquals("task_123", bid.taskId());
        assertEquals(OptionalDouble.of(0.452), bid.cpuLoad());
        assertEquals(OptionalDouble.of(0.60), bid.ramLoad());
        assertEquals(OptionalInt.of(85), bid.battery());
        assertTrue(bid.hasNpu());
        assertEquals(0, ctx.elapsed(), "no clock advance was needed");
        assertEquals(0, ctx.postedCount());
    }

    @Test
    void aFullDeviceStillBidsWithItsLoadButSaysItIsNotAvailable() {
        startSeedDeviceB(1);
        ctx.deliver(bidRequest("task_1"));
        assertTrue(ctx.singleSent(BidResponse.class).available());
        ctx.deliver(task("task_1", PROMPT, true));
        ctx.clear();
        ctx.deliver(bidRequest("task_2"));
        BidResponse full = ctx.singleSent(BidResponse.class);
        assertFalse(full.available(), "max_tasks 1 and one task running");
        assertEquals("task_2", full.taskId());
        ctx.advance(NPU_RUN);
        ctx.clear();
        ctx.deliver(bidRequest("task_3"));
        assertTrue(ctx.singleSent(BidResponse.class).available(), "free again once the task ended");
    }

    @Test
    void deviceWithoutNpuSaysSo() {
        start(config("Device_C", false, 0.321, 0.55, 92, 4, Duration.ofSeconds(290)));
        ctx.deliver(bidRequest("task_9"));
        BidResponse bid = ctx.singleSent(BidResponse.class);
        assertFalse(bid.hasNpu());
        assertEquals("Device_C", bid.deviceId());
        assertEquals(OptionalDouble.of(0.321), bid.cpuLoad());
        assertEquals(OptionalInt.of(92), bid.battery());
        assertEquals("task_9", bid.taskId());
    }

    @Test
    void eachBidRequestGetsItsOwnAnswer() {
        startSeedDeviceB(4);
        ctx.deliver(bidRequest("task_1"));
        ctx.deliver(bidRequest("task_2"));
        assertEquals(List.of("task_1", "task_2"),
                ctx.sent(BidResponse.class).stream().map(BidResponse::taskId).toList());
    }

    // ---- running tasks ---------------------------------------------------------------------------

    @Test
    void taskStartsAtOnceAndTheResultComesAfterTheModelledTime() {
        startSeedDeviceB(4);
        ctx.deliver(task("task_123", PROMPT, true));

        TaskStarted started = ctx.single(TaskStarted.class);
        assertEquals("task_123", started.taskId());
        assertEquals(A, started.orchestrator());
        assertTrue(started.useNpu());
        assertEquals(START, started.time());
        assertTrue(ctx.sent(TaskResult.class).isEmpty());

        ctx.advance(NPU_RUN.minusNanos(1));
        assertTrue(ctx.sent(TaskResult.class).isEmpty(), "not before the modelled 1.5 s");
        assertTrue(ctx.events(TaskExecuted.class).isEmpty());

        ctx.advance(Duration.ofNanos(1));
        TaskExecuted executed = ctx.single(TaskExecuted.class);
        assertEquals("task_123", executed.taskId());
        assertEquals(io.meshbench.plugin.api.SlmResult.Status.COMPLETED, executed.status());
        assertEquals(2, executed.promptTokens());
        assertEquals(10, executed.generatedTokens());
        assertEquals(NPU_RUN.toNanos(), executed.elapsedNanos());
        assertEquals(START + NPU_RUN.toNanos(), executed.time());

        TaskResult result = ctx.singleSent(TaskResult.class);
        assertEquals(List.of(result), ctx.sentTo(A, TaskResult.class));
        assertEquals(B, result.sender());
        assertEquals(B, result.deviceId());
        assertEquals("task_123", result.taskId());
        assertEquals(TaskResult.COMPLETED, result.status());
        assertTrue(result.output().startsWith("[simulated] "), result.output());
        assertEquals(10, result.output().substring("[simulated] ".length()).split(" ").length,
                "max_tokens words: " + result.output());
    }

    @Test
    void cpuRunTakesTheCpuModelledTime() {
        startSeedDeviceB(4);
        ctx.deliver(task("task_cpu", PROMPT, false));
        assertFalse(ctx.single(TaskStarted.class).useNpu());
        ctx.advance(CPU_RUN.minusNanos(1));
        assertTrue(ctx.sent(TaskResult.class).isEmpty());
        ctx.advance(Duration.ofNanos(1));
        assertEquals(TaskResult.COMPLETED, ctx.singleSent(TaskResult.class).status());
        assertEquals(CPU_RUN.toNanos(), ctx.single(TaskExecuted.class).elapsedNanos());
    }

    @Test
    void samePromptGivesTheSameOutputAnywhere() {
        String first = runOnce(B, 1L, "task_1", "Describe a beautiful sunset over the ocean");
        String again = runOnce(B, 1L, "task_2", "Describe a beautiful sunset over the ocean");
        String elsewhere = runOnce("Device_C", 99L, "task_3", "Describe a beautiful sunset over the ocean");
        String other = runOnce(B, 1L, "task_4", "Write a haiku about mountains");

        assertEquals(first, again);
        assertEquals(first, elsewhere, "the output depends on the prompt only, not the device or its seed");
        assertNotEquals(first, other);
        assertTrue(first.startsWith("[simulated] "), first);
    }

    private String runOnce(String device, long seed, String taskId, String prompt) {
        ctx = new ManualContext(device, seed, List.of(A));
        ctx.start(new DeviceNode(config(device, true, 0.2, 0.5, 80, 4, Duration.ofSeconds(290)),
                new SimulatedMetricsProvider(), new SimulatedSlmProvider()));
        ctx.deliver(task(taskId, prompt, true));
        ctx.advance(Duration.ofSeconds(60));
        TaskResult result = ctx.singleSent(TaskResult.class);
        assertEquals(TaskResult.COMPLETED, result.status());
        assertEquals(taskId, result.taskId());
        return result.output();
    }

    @Test
    void tasksRunSideBySideAndEachGetsItsOwnResult() {
        startSeedDeviceB(4);
        ctx.deliver(task("task_cpu", PROMPT, false));
        ctx.advance(Duration.ofMillis(100));
        ctx.deliver(task("task_npu", "sunset??", true));
        assertEquals(2, ctx.events(TaskStarted.class).size());

        ctx.advance(Duration.ofSeconds(5));
        List<TaskResult> results = ctx.sent(TaskResult.class);
        assertEquals(List.of("task_npu", "task_cpu"), results.stream().map(TaskResult::taskId).toList(),
                "the NPU task (1.5 s from 0.1 s) ends before the CPU one (3 s)");
        assertNotEquals(results.get(0).output(), results.get(1).output());
        List<TaskExecuted> executed = ctx.events(TaskExecuted.class);
        assertEquals(START + 1_600_000_000L, executed.get(0).time());
        assertEquals(START + 3_000_000_000L, executed.get(1).time());
    }

    @Test
    void moreTasksThanMaxTasksAreAnsweredBusy() {
        startSeedDeviceB(1);
        ctx.deliver(task("task_1", PROMPT, true));
        ctx.deliver(task("task_2", PROMPT, true));

        TaskResult busy = ctx.singleSent(TaskResult.class);
        assertEquals("task_2", busy.taskId());
        assertEquals(TaskResult.FAILED, busy.status());
        assertTrue(busy.output().contains("busy"), busy.output());
        assertTrue(busy.output().contains("max_tasks 1"), busy.output());
        assertEquals(List.of("task_1"), ctx.events(TaskStarted.class).stream().map(TaskStarted::taskId).toList());

        ctx.advance(NPU_RUN);
        List<TaskResult> results = ctx.sent(TaskResult.class);
        assertEquals(2, results.size());
        assertEquals("task_1", results.get(1).taskId());
        assertEquals(TaskResult.COMPLETED, results.get(1).status());

        // a slot is free again
        ctx.deliver(task("task_3", PROMPT, true));
        assertEquals(2, ctx.events(TaskStarted.class).size());
        ctx.advance(NPU_RUN);
        assertEquals(TaskResult.COMPLETED, ctx.sent(TaskResult.class).get(2).status());
    }

    @Test
    void repeatedTaskIdIsRejectedWhileItRuns() {
        startSeedDeviceB(4);
        ctx.deliver(task("task_1", PROMPT, true));
        ctx.deliver(task("task_1", PROMPT, true));

        InputRejected rejected = ctx.single(InputRejected.class);
        assertEquals(A, rejected.source());
        assertEquals("task_1", rejected.excerpt());
        assertTrue(rejected.reason().contains("already running"), rejected.reason());
        assertEquals(1, ctx.events(TaskStarted.class).size());
        assertTrue(ctx.sent(TaskResult.class).isEmpty(), "no RESULT for the repeat");

        ctx.advance(Duration.ofSeconds(10));
        TaskResult result = ctx.singleSent(TaskResult.class);
        assertEquals(TaskResult.COMPLETED, result.status());
    }

    @Test
    void runOverTheTaskTimeoutFails() {
        start(config(B, false, 0.2, 0.5, 80, 4, Duration.ofSeconds(1)));
        ctx.deliver(task("task_slow", PROMPT, false));
        ctx.advance(Duration.ofMillis(999));
        assertTrue(ctx.sent(TaskResult.class).isEmpty());
        ctx.advance(Duration.ofMillis(1));
        TaskResult result = ctx.singleSent(TaskResult.class);
        assertEquals(TaskResult.FAILED, result.status());
        assertTrue(result.output().startsWith("timed_out: "), result.output());
        assertEquals(io.meshbench.plugin.api.SlmResult.Status.TIMED_OUT, ctx.single(TaskExecuted.class).status());
    }

    @Test
    void stopCancelsRunningTasksAndSampling() {
        startSeedDeviceB(4);
        ctx.deliver(task("task_1", PROMPT, false));
        node.stop();
        ctx.runPosted();
        TaskResult result = ctx.singleSent(TaskResult.class);
        assertEquals(TaskResult.FAILED, result.status());
        assertTrue(result.output().startsWith("cancelled"), result.output());

        int samples = ctx.events(MetricSampled.class).size();
        ctx.advance(Duration.ofSeconds(10));
        assertEquals(samples, ctx.events(MetricSampled.class).size(), "no sampling after stop");
        assertEquals(1, ctx.sent(TaskResult.class).size());
        assertEquals(0, ctx.pendingTimers());
    }

    // ---- wrong input -----------------------------------------------------------------------------

    @Test
    void bidResponseOrResultSentToADeviceIsRejected() {
        startSeedDeviceB(4);
        ctx.deliver(new BidResponse("Device_C", "task_1", "Device_C", OptionalDouble.of(0.1), OptionalDouble.of(0.1),
                OptionalInt.of(50), false));
        ctx.deliver(new TaskResult("Device_C", "task_2", "Device_C", TaskResult.COMPLETED, "x"));

        List<InputRejected> rejected = ctx.events(InputRejected.class);
        assertEquals(2, rejected.size());
        assertEquals("Device_C", rejected.get(0).source());
        assertEquals("task_1", rejected.get(0).excerpt());
        assertTrue(rejected.get(0).reason().startsWith("BID_RESPONSE from Device_C"), rejected.get(0).reason());
        assertTrue(rejected.get(0).reason().contains("Device_B"), rejected.get(0).reason());
        assertEquals("task_2", rejected.get(1).excerpt());
        assertTrue(rejected.get(1).reason().startsWith("RESULT from Device_C"), rejected.get(1).reason());
        assertTrue(ctx.sent().isEmpty());
        assertTrue(ctx.events(TaskStarted.class).isEmpty());
    }

    // ---- metrics ---------------------------------------------------------------------------------

    @Test
    void metricsAreSampledAtTheSampleInterval() {
        startSeedDeviceB(4);
        MetricSampled first = ctx.single(MetricSampled.class);
        assertEquals(START, first.time(), "sampled once on start");
        assertEquals(0.452, first.cpuLoad());
        assertEquals(0.60, first.ramLoad());
        assertEquals(85, first.battery());
        assertEquals(0, first.runningTasks());
        assertEquals(B, first.node());

        ctx.advance(Duration.ofMillis(499));
        assertEquals(1, ctx.events(MetricSampled.class).size());
        ctx.advance(Duration.ofMillis(1));
        assertEquals(2, ctx.events(MetricSampled.class).size());
        ctx.advance(Duration.ofMillis(1000));
        assertEquals(List.of(0L, 500L, 1000L, 1500L), ctx.events(MetricSampled.class).stream()
                .map(e -> (e.time() - START) / 1_000_000).toList());
        assertEquals(1, ctx.pendingTimers(), "one sampler timer at a time");
    }

    @Test
    void cpuLoadInTheBidRisesWhileATaskRuns() {
        start(config(B, true, 0.2, 0.5, 80, 4, Duration.ofSeconds(290)));
        ctx.deliver(task("task_1", PROMPT, false)); // 3 s on the CPU
        ctx.deliver(task("task_2", PROMPT, false));
        ctx.advance(Duration.ofMillis(500));

        MetricSampled busy = ctx.events(MetricSampled.class).getLast();
        assertEquals(2, busy.runningTasks());
        assertEquals(0.2 + 2 * 0.25, busy.cpuLoad(), 1e-9);
        assertEquals(busy.cpuLoad(), node.latestSample().cpuLoad().getAsDouble());

        ctx.deliver(bidRequest("task_3"));
        BidResponse bid = ctx.singleSent(BidResponse.class);
        assertEquals(0.7, bid.cpuLoad().getAsDouble(), 1e-9);
        assertEquals(OptionalDouble.of(0.5), bid.ramLoad(), "RAM is not moved by the work");

        // both tasks end at 3 s; the next sample (3.5 s) is back to idle
        ctx.advance(Duration.ofMillis(3000));
        assertEquals(2, ctx.sent(TaskResult.class).size());
        MetricSampled idle = ctx.events(MetricSampled.class).getLast();
        assertEquals(START + 3_500_000_000L, idle.time());
        assertEquals(0, idle.runningTasks());
        assertEquals(0.2, idle.cpuLoad(), 1e-9);
        ctx.clear();
        ctx.deliver(bidRequest("task_4"));
        assertEquals(0.2, ctx.singleSent(BidResponse.class).cpuLoad().getAsDouble(), 1e-9);
    }
}
