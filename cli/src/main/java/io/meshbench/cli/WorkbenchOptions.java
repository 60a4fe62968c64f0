package io.meshbench.cli;

import io.meshbench.cli.window.WorkbenchSettings;
import io.meshbench.auction.Orchestrator;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** Options of {@code meshbench} with no command: the workbench window. */
final class WorkbenchOptions {

    @Option(names = "--peers", paramLabel = "FILE",
            description = "Attach to the mesh this peers file lists, as orchestrator --id, instead of simulating the original design's three devices.")
    Path peers;

    @Option(names = "--id", paramLabel = "ID", defaultValue = "Device_A",
            description = "The orchestrator's device id (default: ${DEFAULT-VALUE}); with --peers, its line gives the port to listen on.")
    String id;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "0",
            description = "Simulated devices to add to the seed's two (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--load", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "Submit this many auctions a second by themselves (default: none).")
    double load;

    @Option(names = "--slm-speed", paramLabel = "FACTOR", defaultValue = "1",
            description = "Factor on the simulated model's token rates (default: ${DEFAULT-VALUE}, a phone's pace).")
    double slmSpeed;

    @Option(names = "--probe", paramLabel = "SECONDS", defaultValue = "0",
            description = "Print frame times and heap every 10 s, and quit after SECONDS (for measuring the window).")
    double probe;

    @Option(names = "--mesh", paramLabel = "DIR",
            description = "With --peers: the mesh folder (meshbench mesh init) whose keys the orchestrator uses; without it "
                    + "the attached mesh is plaintext, and the status bar says INSECURE.")
    Path mesh;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Record every event of the live mesh to FILE (JSON Lines), for `meshbench replay`.")
    Path record;

    @picocli.CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--window-strategy", paramLabel = "NAME", defaultValue = "npu-first", hidden = true)
    String strategy;

    WorkbenchSettings settings() {
        if (devices < 0 || devices > 1000) {
            throw new IllegalArgumentException("--devices must be 0 to 1000, got " + devices);
        }
        if (load < 0 || !Double.isFinite(load)) {
            throw new IllegalArgumentException("--load must be 0 or more auctions a second, got " + load);
        }
        if (!(slmSpeed > 0) || !Double.isFinite(slmSpeed)) {
            throw new IllegalArgumentException("--slm-speed must be above 0, got " + slmSpeed);
        }
        if (probe < 0 || !Double.isFinite(probe)) {
            throw new IllegalArgumentException("--probe must be 0 or more seconds, got " + probe);
        }
        if (peers != null && devices > 0) {
            throw new IllegalArgumentException("--devices adds simulated devices; it cannot be used with --peers");
        }
        // Under load, a device that is down must not hold an auction for the seed's 10 s.
        // Failover on (heartbeats feed the Health tab; a dead winner's task moves on within seconds).
        Orchestrator.Settings timing = load > 0
                ? new Orchestrator.Settings(Duration.ofSeconds(2), Duration.ofSeconds(30))
                        .withFailover(Orchestrator.Settings.DEFAULT.liveness(), Orchestrator.Settings.DEFAULT.retry())
                : Orchestrator.Settings.DEFAULT;
        if (mesh != null && peers == null) {
            throw new IllegalArgumentException("--mesh goes with --peers; the simulated mesh makes its own");
        }
        if (engine.name == null && (engine.model != null || !engine.options.isEmpty())) {
            throw new IllegalArgumentException("--model and --engine-option need --engine NAME (e.g. --engine llama)");
        }
        if (engine.name != null && peers != null) {
            throw new IllegalArgumentException("--engine sets the simulated devices' model; an attached mesh's devices "
                    + "run their own (their device_config.json's \"slm\")");
        }
        return new WorkbenchSettings(peers, id, devices, load, slmSpeed, probe, timing, strategy, mesh, record,
                engine.name == null ? null : new WorkbenchSettings.Engine(engine.name, engine.settings()));
    }
}
