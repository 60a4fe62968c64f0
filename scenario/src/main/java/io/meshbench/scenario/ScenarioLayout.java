package io.meshbench.scenario;

import java.util.ArrayList;
import java.util.List;

/** The nodes a scenario sets up, for whoever shows the run (the window), in either mode. */
public final class ScenarioLayout {

    private ScenarioLayout() {
    }

    /** Every node, mesh by mesh: the orchestrator first, then its phones in peer-list order. */
    public static List<PlannedDevice> nodes(Scenario scenario) {
        return devices(MeshPlan.of(scenario));
    }

    static List<PlannedDevice> devices(MeshPlan plan) {
        List<PlannedDevice> nodes = new ArrayList<>();
        for (MeshPlan.PlannedMesh mesh : plan.meshes()) {
            nodes.add(new PlannedDevice(mesh.orchestratorId(), false, true));
            mesh.devices().forEach(d -> nodes.add(new PlannedDevice(d.deviceId(), d.hasNpu(), false)));
        }
        return nodes;
    }
}
