package io.meshbench.scenario;

import io.meshbench.node.DeviceConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The meshes a scenario makes: its devices dealt in turn into meshes of {@code mesh_size}, each
 * with an orchestrator of its own ({@code Device_A_0001}, ...), or one mesh of them all under the
 * orchestrator's id.
 */
record MeshPlan(List<PlannedMesh> meshes) {

    record PlannedMesh(String orchestratorId, List<DeviceConfig> devices) {
        /** Every id of the mesh, the orchestrator first: the peer list each of its nodes gets. */
        List<String> peerList() {
            List<String> ids = new ArrayList<>(devices.size() + 1);
            ids.add(orchestratorId);
            devices.forEach(d -> ids.add(d.deviceId()));
            return ids;
        }
    }

    static MeshPlan of(Scenario scenario) {
        List<DeviceConfig> all = new ArrayList<>();
        for (Scenario.DeviceGroup group : scenario.devices()) {
            for (String id : group.ids()) {
                all.add(new DeviceConfig(id, group.npu(), group.metrics(), group.metricsConfig(), group.slm(),
                        group.slmConfig(), group.maxTasks(), group.sampleInterval(),
                        scenario.orchestrator().resultTimeout()));
            }
        }
        String id = scenario.orchestrator().id();
        int size = scenario.meshSize();
        if (size == 0 || size >= all.size()) {
            return new MeshPlan(List.of(new PlannedMesh(id, all)));
        }
        // Devices are dealt to the meshes in turn, like cards, so that every mesh gets the same mix.
        int count = (all.size() + size - 1) / size;
        List<List<DeviceConfig>> dealt = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            dealt.add(new ArrayList<>(size));
        }
        for (int i = 0; i < all.size(); i++) {
            dealt.get(i % count).add(all.get(i));
        }
        List<String> orchestrators = orchestratorIds(id, all.size(), size);
        List<PlannedMesh> meshes = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            meshes.add(new PlannedMesh(orchestrators.get(m), List.copyOf(dealt.get(m))));
        }
        return new MeshPlan(meshes);
    }

    /** The orchestrators' ids: {@code id} for one mesh, {@code id_0001}, ... for several. */
    static List<String> orchestratorIds(String id, int devices, int meshSize) {
        if (meshSize == 0 || meshSize >= devices) {
            return List.of(id);
        }
        int count = (devices + meshSize - 1) / meshSize;
        int width = Math.max(4, String.valueOf(count).length());
        List<String> ids = new ArrayList<>(count);
        for (int m = 0; m < count; m++) {
            ids.add(String.format("%s_%0" + width + "d", id, m + 1));
        }
        return ids;
    }

    int deviceCount() {
        return meshes.stream().mapToInt(m -> m.devices().size()).sum();
    }
}
