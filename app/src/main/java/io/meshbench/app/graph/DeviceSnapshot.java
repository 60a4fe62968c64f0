package io.meshbench.app.graph;

/**
 * One device as the mesh graph shows it.
 *
 * @param cpuLoad -1 when unknown
 * @param ramLoad -1 when unknown
 * @param battery -1 when unknown
 * @param greyed  the device is down or could not be reached
 * @param winner  it won the latest auction
 */
public record DeviceSnapshot(String id, Boolean hasNpu, double cpuLoad, double ramLoad, int battery,
                             boolean orchestrator, boolean greyed, boolean winner) {
}
