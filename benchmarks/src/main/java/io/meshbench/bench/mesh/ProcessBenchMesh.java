package io.meshbench.bench.mesh;

import io.meshbench.net.PeerDirectory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Each device node in a JVM of its own ({@link NodeProcess}), the orchestrator in this one, over loopback TCP. */
public final class ProcessBenchMesh implements BenchMesh {

    private final LiveOrchestrator orchestrator;
    private final List<Process> processes = new ArrayList<>();
    private final Path peersFile;
    private final int peers;

    public ProcessBenchMesh(int peers) throws IOException {
        this.peers = peers;
        PeerDirectory directory = new PeerDirectory();
        orchestrator = new LiveOrchestrator(directory, Devices.ORCHESTRATOR, "127.0.0.1", 0);
        peersFile = Files.createTempFile("meshbench-bench-peers", ".txt");
        try {
            Files.writeString(peersFile, Devices.ORCHESTRATOR + " 127.0.0.1 " + orchestrator.port() + "\n");
            List<String> ids = Devices.ids(peers);
            for (int i = 0; i < peers; i++) {
                processes.add(start(i));
            }
            for (int i = 0; i < peers; i++) {
                directory.put(new PeerDirectory.Peer(ids.get(i), "127.0.0.1", awaitPort(processes.get(i), ids.get(i))));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Process start(int index) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                NodeProcess.class.getName(), String.valueOf(index), String.valueOf(peers), peersFile.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int awaitPort(Process process, String id) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // blocks until the node listens, or ends when it dies
        if (line == null || !line.startsWith("listening ")) {
            throw new IOException("node process " + id + " did not start (exit "
                    + (process.isAlive() ? "none" : process.exitValue()) + ", said: " + line + ")");
        }
        return Integer.parseInt(line.substring("listening ".length()).strip());
    }

    @Override
    public String describe() {
        return "node processes, " + peers + " peers";
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
        for (Process p : processes) {
            try {
                p.getOutputStream().close(); // the node's cue to stop
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                p.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(peersFile);
        } catch (IOException ignored) {
            // a temporary file; the system cleans it up
        }
    }
}
