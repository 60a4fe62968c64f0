package io.meshbench.node;

import io.meshbench.plugins.simulated.SimulatedMetricsProvider;
import io.meshbench.plugins.simulated.SimulatedSlmProvider;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import io.meshbench.testing.ManualContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one TASK may cost a device. */
class DeviceNodeLimitsTest {

    @Test
    void aPromptOverTheLimitFailsAtOnceWithTheReasonAndRunsNothing() {
        DeviceConfig config = new DeviceConfig("Device_B", true, SimulatedMetricsProvider.NAME, Map.of(),
                SimulatedSlmProvider.NAME, Map.of(), 4, Duration.ofMillis(500), Duration.ofSeconds(10));
        ManualContext ctx = new ManualContext("Device_B", 1L, List.of("Device_A"));
        ctx.start(new DeviceNode(config, new SimulatedMetricsProvider(), new SimulatedSlmProvider()));
        ctx.deliver(new TaskRequest("Device_A", "t1", "x".repeat(DeviceNode.MAX_PROMPT_CHARS + 1), false,
                TaskRequest.CPU_PROMPT));
        TaskResult result = ctx.singleSent(TaskResult.class);
        assertEquals(TaskResult.FAILED, result.status());
        assertTrue(result.output().contains("over this device's limit of 16384"), result.output());
    }
}
