package io.meshbench.bench.mesh;

import io.meshbench.node.DeviceConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The devices of a benchmark mesh: {@code Device_1..n}, every fourth with an NPU, loads from a fixed seed. */
public final class Devices {

    public static final String ORCHESTRATOR = "Device_A";
    public static final String PROMPT = "Describe a beautiful sunset over the ocean";

    private Devices() {
    }

    public static List<DeviceConfig> configs(int n) {
        SplittableRandom random = new SplittableRandom(7);
        List<DeviceConfig> list = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            DeviceConfig config = DeviceConfig.simulated("Device_" + i, i % 4 == 1,
                    random.nextInt(1, 100) / 100.0, random.nextInt(1, 100) / 100.0, random.nextInt(5, 101));
            // Instant SLM; many tasks at once so that an open-loop run never meets max_tasks.
            list.add(new DeviceConfig(config.deviceId(), config.hasNpu(), config.metrics(), config.metricsConfig(),
                    "instant", Map.of(), 1_000_000, config.sampleInterval(), config.taskTimeout()));
        }
        return list;
    }

    public static List<String> ids(int n) {
        return configs(n).stream().map(DeviceConfig::deviceId).toList();
    }
}
