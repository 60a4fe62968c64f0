package io.meshbench.app.mesh;

/**
 * What the workbench knows of a device before it has heard from it.
 *
 * @param id           the device id
 * @param hasNpu       whether it has an NPU; {@code null} for a remote device that has not bid yet
 * @param orchestrator whether it is the mesh's orchestrator
 * @param local        whether it runs in this process (and so can be killed, revived and removed)
 */
public record DeviceInfo(String id, Boolean hasNpu, boolean orchestrator, boolean local) {
}
