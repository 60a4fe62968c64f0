package io.meshbench.app;

import io.meshbench.auction.Orchestrator;
import io.meshbench.cli.window.WorkbenchSettings;
import io.meshbench.live.MeshSession;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window's simulated devices run the engine the command line gave (here the simulated one, configured). */
class WorkbenchLauncherTest {

    @Test
    void theSimulatedDevicesRunTheEngineGiven() throws Exception {
        WorkbenchSettings settings = new WorkbenchSettings(null, "Device_A", 2, 0, 1, 0, Orchestrator.Settings.DEFAULT,
                "npu-first", null, null, new WorkbenchSettings.Engine("simulated", Map.of("speed", 7)));
        try (MeshSession session = WorkbenchLauncher.startMesh(settings)) {
            assertEquals(4, session.localDevices().size());
            session.localDevices().forEach(d -> {
                assertEquals("simulated", d.handler().config().slm());
                assertEquals(7, d.handler().config().slmConfig().get("speed"), d.id());
            });
        }
    }
}
