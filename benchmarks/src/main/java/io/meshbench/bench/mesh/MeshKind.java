package io.meshbench.bench.mesh;

import io.meshbench.plugin.PluginRegistry;

import java.io.IOException;
import java.nio.file.Path;

/** The kinds of benchmark mesh, by the names the benchmarks' {@code mesh} parameter takes. */
public enum MeshKind {
    VIRTUAL("virtual"), LOOPBACK("loopback"), LOOPBACK_TLS("loopback-tls"), PROCESS("process"), SHELL("shell"), SHELL_PER_BID("shell-per-bid"),
    PEERS("peers");

    /** System property with the peers file of the {@code peers} kind (and {@code meshbench.bench.orchestrator}, its id). */
    public static final String PEERS_FILE_PROPERTY = "meshbench.bench.peers";

    private final String label;

    MeshKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static MeshKind parse(String label) {
        for (MeshKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown mesh \"" + label
                + "\": expected virtual, loopback, loopback-tls, process, shell, shell-per-bid or peers");
    }

    /** Starts a mesh of this kind with {@code peers} devices (ignored for {@code peers}: the file says). */
    public BenchMesh open(int peers) throws IOException {
        return switch (this) {
            case VIRTUAL -> new VirtualBenchMesh(peers, PluginRegistry.fromClassPath());
            case LOOPBACK -> new LoopbackBenchMesh(peers, PluginRegistry.fromClassPath());
            case LOOPBACK_TLS -> new LoopbackBenchMesh(peers, PluginRegistry.fromClassPath(), true);
            case PROCESS -> new ProcessBenchMesh(peers);
            case SHELL -> new ShellBenchMesh(peers, false);
            case SHELL_PER_BID -> new ShellBenchMesh(peers, true);
            case PEERS -> {
                String file = System.getProperty(PEERS_FILE_PROPERTY);
                if (file == null || file.isBlank()) {
                    throw new IllegalArgumentException("the peers mesh needs a peers file: give --peers FILE (system property "
                            + PEERS_FILE_PROPERTY + ")");
                }
                yield new PeersFileBenchMesh(Path.of(file), System.getProperty("meshbench.bench.orchestrator"));
            }
        };
    }
}
