package io.meshbench.scenario;

/**
 * A phone or an orchestrator a scenario sets up, as a viewer needs to know it before it has heard
 * from it.
 *
 * @param id           the node id
 * @param npu          whether it has an NPU (false for an orchestrator)
 * @param orchestrator whether it orchestrates its mesh
 */
public record PlannedDevice(String id, boolean npu, boolean orchestrator) {
}
