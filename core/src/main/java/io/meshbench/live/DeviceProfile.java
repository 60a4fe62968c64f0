package io.meshbench.live;

import io.meshbench.node.DeviceConfig;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Kinds of simulated phone a user can add to a simulated mesh: from the window, the web page or its API. */
public enum DeviceProfile {
    NPU_FLAGSHIP("NPU flagship", true, 0.30, 0.50, 90),
    NPU_MIDRANGE("NPU mid-range", true, 0.55, 0.65, 60),
    CPU_MIDRANGE("CPU mid-range", false, 0.35, 0.55, 80),
    CPU_BUDGET("CPU budget, low battery", false, 0.70, 0.80, 25);

    private final String label;
    private final boolean npu;
    private final double cpu;
    private final double ram;
    private final int battery;

    DeviceProfile(String label, boolean npu, double cpu, double ram, int battery) {
        this.label = label;
        this.npu = npu;
        this.cpu = cpu;
        this.ram = ram;
        this.battery = battery;
    }

    public boolean npu() {
        return npu;
    }

    /** What people read: "NPU flagship", ... */
    public String label() {
        return label;
    }

    /** The name in commands and the API: {@code npu-flagship}, {@code cpu-budget}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The profile of {@code key}; an unknown key is refused, naming the ones there are. */
    public static DeviceProfile of(String key) {
        for (DeviceProfile profile : values()) {
            if (profile.key().equals(key)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("is \"" + key + "\", not one of " + keys());
    }

    /** Every key, comma-separated. */
    public static String keys() {
        StringBuilder keys = new StringBuilder();
        for (DeviceProfile profile : values()) {
            keys.append(keys.isEmpty() ? "" : ", ").append(profile.key());
        }
        return keys.toString();
    }

    /**
     * A device config of this profile.
     *
     * @param slmSpeed factor on the simulated model's token rates (1 is a phone's real pace)
     */
    public DeviceConfig config(String id, double slmSpeed) {
        return new DeviceConfig(id, npu, DeviceConfig.DEFAULT_METRICS,
                Map.of("cpu_load", cpu, "ram_load", ram, "battery", battery, "noise", 0.03, "cpu_per_task", 0.08),
                DeviceConfig.DEFAULT_SLM, Map.of("speed", slmSpeed), 8, Duration.ofMillis(500), Duration.ofSeconds(290));
    }

    @Override
    public String toString() {
        return label;
    }
}
