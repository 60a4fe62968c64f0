package io.meshbench.testing;

import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugins.simulated.SimulatedMetricsProvider;
import io.meshbench.plugins.simulated.SimulatedSlmProvider;

import java.time.Duration;
import java.util.Map;

/** A simulated phone whose runs take 3 s, long enough for a fault to land mid-task; ids ending in 1 have an NPU. */
public final class SlowPhone {

    private SlowPhone() {
    }

    public static DeviceNode device(String id) {
        DeviceConfig config = new DeviceConfig(id, id.endsWith("1"), SimulatedMetricsProvider.NAME, Map.of("cpu_load", 0.3),
                SimulatedSlmProvider.NAME, Map.of("max_tokens", 30, "decode_tps_cpu", 10, "decode_tps_npu", 10), 4,
                Duration.ofMillis(500), Duration.ofSeconds(60));
        return new DeviceNode(config, new SimulatedMetricsProvider(), new SimulatedSlmProvider());
    }
}
