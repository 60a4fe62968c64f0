package io.meshbench.cli.window;

import io.meshbench.auction.Orchestrator;

import java.nio.file.Path;

/**
 * How the workbench starts.
 *
 * @param peers          a peers file to attach to, or null for a simulated mesh
 * @param orchestratorId the orchestrator's id (in the peers file when attached)
 * @param extraDevices   simulated devices to add to the seed's two (for a bigger mesh)
 * @param load           auctions a second to submit by themselves, 0 for none
 * @param slmSpeed       factor on the simulated model's token rates
 * @param probeSeconds   when above 0, print frame times and heap every 10 s and quit after this long
 * @param timing         the orchestrator's timeouts
 * @param strategy       the selection strategy's name
 * @param mesh           with {@code peers}: the mesh folder whose keys the orchestrator uses, or null for plaintext
 * @param record         a file to record every event of the live mesh to (JSON Lines), or null
 * @param engine         the SLM engine of the simulated devices instead of the simulated model, or null
 */
public record WorkbenchSettings(Path peers, String orchestratorId, int extraDevices, double load, double slmSpeed,
                                double probeSeconds, Orchestrator.Settings timing, String strategy, Path mesh,
                                Path record, Engine engine) {

    /**
     * An SLM engine plugin and its settings, as a device config's {@code "slm"} object gives them
     * (e.g. {@code llama} with {@code model}: a real model on the window's simulated devices).
     */
    public record Engine(String name, java.util.Map<String, Object> settings) {
        public Engine {
            settings = java.util.Map.copyOf(settings);
        }
    }

    public WorkbenchSettings(Path peers, String orchestratorId, int extraDevices, double load, double slmSpeed,
                             double probeSeconds, Orchestrator.Settings timing, String strategy, Path mesh,
                             Path record) {
        this(peers, orchestratorId, extraDevices, load, slmSpeed, probeSeconds, timing, strategy, mesh, record, null);
    }

    /** The same, recording every event of the live mesh to {@code file} (JSON Lines) from the start. */
    public WorkbenchSettings withRecord(Path file) {
        return new WorkbenchSettings(peers, orchestratorId, extraDevices, load, slmSpeed, probeSeconds, timing,
                strategy, mesh, file, engine);
    }

    /** Without a mesh folder: a simulated mesh makes its own; an attached one is plaintext. */
    public WorkbenchSettings(Path peers, String orchestratorId, int extraDevices, double load, double slmSpeed,
                             double probeSeconds, Orchestrator.Settings timing, String strategy) {
        this(peers, orchestratorId, extraDevices, load, slmSpeed, probeSeconds, timing, strategy, null, null);
    }

    /** The seed's mesh at a phone's pace, nothing added but failover (heartbeats, retries). */
    public static WorkbenchSettings defaults() {
        return new WorkbenchSettings(null, "Device_A", 0, 0, 1, 0, Orchestrator.Settings.DEFAULT, "npu-first");
    }
}
