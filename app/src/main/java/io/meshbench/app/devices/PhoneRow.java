package io.meshbench.app.devices;

import io.meshbench.adb.DeviceInfo;
import io.meshbench.adb.DeviceMap;

import java.util.Optional;

/**
 * One attached phone as the Devices panel lists it: what adb and the agent say, and the NPU the
 * device map holds for it.
 *
 * @param meshId the agent's device id (from its config, else the device map's), or "" before setup
 * @param npu    "yes" / "no" with where it came from (detected, user), or "" before setup
 */
public record PhoneRow(String serial, String state, String model, String android, String abi, int battery,
                       String meshId, String agent, String npu) {

    static PhoneRow of(DeviceInfo d, Optional<DeviceMap.Entry> mapped) {
        String id = !d.meshId().isBlank() ? d.meshId() : mapped.map(DeviceMap.Entry::deviceId).orElse("");
        String npu = mapped.map(e -> (e.npu() ? "yes" : "no") + " (" + e.source() + ")").orElse("");
        return new PhoneRow(d.serial(), d.state(), d.model(), d.android(), d.abi(), d.battery(), id, d.agent(), npu);
    }

    /** Whether adb can run commands on it (not unauthorized, not offline). */
    public boolean ready() {
        return state.equals("device");
    }

    /** The name its log lines and events go by: the mesh id, else the serial. */
    public String name() {
        return meshId.isBlank() ? serial : meshId;
    }

    String batteryText() {
        return battery < 0 ? "–" : battery + "%";
    }
}
