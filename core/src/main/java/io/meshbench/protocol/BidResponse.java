package io.meshbench.protocol;

import io.meshbench.plugin.api.Bid;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code BID_RESPONSE|<device_id>|{"device_id", "cpu_load", "ram_load", "battery", "has_npu"}}: a
 * device's bid. The loads are shares from 0 to 1 and the battery a percentage; each may be JSON
 * {@code null} when the device cannot tell. MeshBench adds {@code task_id} so that a bid finds its
 * auction when several run at once; a seed-format bid without it goes to the oldest open auction
 * still waiting for that device. A device that is full (running as many tasks as it takes) adds
 * {@code "available": false}: it still answers, with its real load, so that the orchestrator need
 * not wait for it, but asks not to be chosen.
 *
 * @param sender   the bidder's device id, as it heads the line
 * @param taskId   the auction this bid answers, or {@code null} (seed format)
 * @param deviceId the bidder's device id, as the JSON names it; must equal the sender
 * @param cpuLoad  CPU load from 0 to 1
 * @param ramLoad  RAM load from 0 to 1
 * @param battery  battery percentage from 0 to 100
 * @param hasNpu   whether the device has an NPU
 * @param available whether the device takes a task now ({@code "available"}, true when absent)
 */
public record BidResponse(String sender, String taskId, String deviceId, OptionalDouble cpuLoad,
                          OptionalDouble ramLoad, OptionalInt battery, boolean hasNpu, boolean available)
        implements Message {

    /** A bid from a device that takes a task now. */
    public BidResponse(String sender, String taskId, String deviceId, OptionalDouble cpuLoad, OptionalDouble ramLoad,
                       OptionalInt battery, boolean hasNpu) {
        this(sender, taskId, deviceId, cpuLoad, ramLoad, battery, hasNpu, true);
    }

    public BidResponse {
        Fields.deviceId("sender", sender);
        Fields.deviceId("device_id", deviceId);
        if (!sender.equals(deviceId)) {
            throw new IllegalArgumentException("device_id \"" + deviceId + "\" differs from the sender \"" + sender
                    + "\" that heads the line");
        }
        if (taskId != null) {
            DeviceId.checkTask("task_id", taskId);
        }
        cpuLoad.ifPresent(v -> Fields.share("cpu_load", v));
        ramLoad.ifPresent(v -> Fields.share("ram_load", v));
        if (battery.isPresent() && (battery.getAsInt() < 0 || battery.getAsInt() > 100)) {
            throw new IllegalArgumentException("battery must be a whole percentage from 0 to 100, got "
                    + battery.getAsInt());
        }
    }

    /** The bid as a selection strategy sees it. */
    public Bid toBid() {
        return new Bid(deviceId, cpuLoad, ramLoad, battery, hasNpu);
    }
}
