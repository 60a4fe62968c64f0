package io.meshbench.app;

import io.meshbench.cli.window.WorkbenchSettings;
import io.meshbench.live.DeviceProfile;
import io.meshbench.live.MeshSession;
import io.meshbench.app.mesh.Warmup;
import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.live.LocalMesh;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;
import io.meshbench.plugin.PluginRegistry;
import javafx.application.Application;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the workbench window from the command line. Not an {@link Application} itself, so that
 * JavaFX starts from the plain class path the launcher uses.
 */
public final class WorkbenchLauncher {

    private WorkbenchLauncher() {
    }

    /** Opens the window and returns the exit code once it is closed (2 when it cannot open). */
    public static int open(WorkbenchSettings settings, PrintStream err) throws IOException {
        Optional<String> missing = noDisplay();
        if (missing.isPresent()) {
            err.println("meshbench: " + missing.get() + ", so the window cannot open; without a screen use "
                    + "`meshbench demo`, `meshbench node` or `meshbench orchestrate` (see --help), or open the "
                    + "window on a virtual screen with `xvfb-run ./meshbench`");
            return 2;
        }
        // JavaFX warns that it runs from the class path, which is how this launcher runs it on purpose.
        System.setProperty("org.slf4j.simpleLogger.log.javafx", "error");
        MeshSession session = startMesh(settings);
        WorkbenchApp.handOver(session, settings);
        try {
            Application.launch(WorkbenchApp.class);
        } catch (RuntimeException | Error e) {
            err.println("meshbench: the window could not open (" + e.getMessage() + "); check DISPLAY, or use "
                    + "`xvfb-run ./meshbench`, or the headless commands (meshbench --help)");
            session.close();
            return 2;
        }
        return 0;
    }

    /** Why there is no screen to open a window on, if there is none. */
    public static Optional<String> noDisplay() {
        return io.meshbench.app.shell.Shell.noDisplay();
    }

    /** The mesh the settings ask for: attached to a peers file, or the seed's devices simulated here. */
    public static MeshSession startMesh(WorkbenchSettings settings) throws IOException {
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        Warmup.run(plugins); // before many nodes at once first use the same classes: see Warmup
        EventBus bus = new EventBus();
        Orchestrator orchestrator = new Orchestrator(settings.timing(), plugins.strategy(settings.strategy()));
        if (settings.peers() != null) {
            io.meshbench.security.NodeSecurity security = settings.mesh() == null
                    ? io.meshbench.security.NodeSecurity.insecure()
                    : io.meshbench.security.NodeSecurity.of(io.meshbench.security.MeshFiles.read(settings.mesh()),
                    settings.orchestratorId());
            return MeshSession.attached(bus, plugins, PeerDirectory.read(settings.peers()),
                    settings.peers().toString(), settings.orchestratorId(), orchestrator, security);
        }
        return MeshSession.simulated(bus, plugins, devices(settings), settings.orchestratorId(), orchestrator);
    }

    private static List<DeviceConfig> devices(WorkbenchSettings settings) {
        List<DeviceConfig> devices = new ArrayList<>();
        for (DeviceConfig seed : LocalMesh.seedDevices()) {
            devices.add(settings.slmSpeed() == 1 ? seed : seed.withSlmConfig(Map.of("speed", settings.slmSpeed())));
        }
        DeviceProfile[] profiles = DeviceProfile.values();
        for (int i = 0; i < settings.extraDevices(); i++) {
            devices.add(profiles[i % profiles.length].config(String.format("Sim_%03d", i + 1), settings.slmSpeed()));
        }
        if (settings.engine() != null) { // a real model (or any engine plugin) on every simulated device
            return devices.stream().map(d -> d.withSlm(settings.engine().name(), settings.engine().settings())).toList();
        }
        return devices;
    }
}
