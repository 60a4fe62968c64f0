package io.meshbench.adb;

/**
 * One attached device, as {@code meshbench devices} lists it.
 *
 * @param state    adb's word: device, unauthorized, offline, ...
 * @param battery  percentage, -1 when unknown
 * @param meshId   the agent's device id when deployed, else ""
 * @param agent    "running", "stopped" or "not deployed"
 */
public record DeviceInfo(String serial, String state, String model, String android, String abi, int battery,
                         String meshId, String agent) {
}
