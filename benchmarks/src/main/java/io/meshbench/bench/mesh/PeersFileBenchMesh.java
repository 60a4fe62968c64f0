package io.meshbench.bench.mesh;

import io.meshbench.net.PeerDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Any mesh of a peers file: phones, or nodes on other machines, already running. The orchestrator
 * takes the file's entry named {@code orchestratorId} (its first entry when null), listens on that
 * entry's port on every interface, since the peers answer to that address, and asks every other entry.
 */
public final class PeersFileBenchMesh implements BenchMesh {

    private final LiveOrchestrator orchestrator;
    private final int peers;
    private final Path file;

    public PeersFileBenchMesh(Path file, String orchestratorId) throws IOException {
        this.file = file;
        PeerDirectory directory = PeerDirectory.read(file);
        List<PeerDirectory.Peer> all = directory.all();
        if (all.size() < 2) {
            throw new IllegalArgumentException("peers file " + file + " lists " + all.size()
                    + " device(s): it needs the orchestrator and at least one peer, one DEVICE_ID HOST PORT a line");
        }
        PeerDirectory.Peer self = orchestratorId == null ? all.get(0) : directory.find(orchestratorId).orElseThrow(
                () -> new IllegalArgumentException("peers file " + file + " has no entry " + orchestratorId
                        + "; its devices: " + directory.ids()));
        this.peers = all.size() - 1;
        try {
            orchestrator = new LiveOrchestrator(directory, self.id(), "0.0.0.0", self.port());
        } catch (IOException e) {
            if (!(e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException)) {
                throw e;
            }
            // the peers answer to this port, so another cannot be chosen: say which and what to do
            Throwable bind = e instanceof java.net.BindException ? e : e.getCause();
            throw new IOException("peers file " + file + ": the orchestrator " + self.id() + " cannot listen on port "
                    + self.port() + " (" + bind.getMessage() + "); stop what holds that port, or give "
                    + self.id() + " another port in the file and in the peers' files", e);
        }
    }

    @Override
    public String describe() {
        return "mesh of " + file.getFileName() + ", " + peers + " peers";
    }

    @Override
    public int peers() {
        return peers;
    }

    @Override
    public CompletableFuture<String> submit(Phase phase) {
        return orchestrator.submit(phase);
    }

    @Override
    public void close() {
        orchestrator.close();
    }
}
