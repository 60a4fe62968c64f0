package io.meshbench.bench.mesh;

import io.meshbench.adb.AgentBundle;
import io.meshbench.net.PeerDirectory;
import io.meshbench.node.DeviceConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The seed's way: the phone agent's shell scripts under mksh with toybox's netcat, one per device,
 * each in a folder of its own laid out as on a phone, reading this machine's real {@code /proc}.
 * The orchestrator is the Java one, so the difference measured is the device side's alone. With
 * {@code perBid}, the agent measures CPU over 500 ms on every bid, as the original agent did.
 */
public final class ShellBenchMesh implements BenchMesh {

    private final LiveOrchestrator orchestrator;
    private final List<Path> dirs = new ArrayList<>();
    private final Path root;
    private final int peers;
    private final boolean perBid;
    private final Ports ports;
    private final int tries;

    public ShellBenchMesh(int peers, boolean perBid) throws IOException {
        this(peers, perBid, ShellBenchMesh::freePort, BIND_TRIES);
    }

    /** Where the agents' ports come from: a port free now, which another process may take before netcat binds it. */
    interface Ports {
        int next() throws IOException;
    }

    /**
     * With the agents' ports taken from {@code portSource} (tests hand out a port they hold, to see the retry),
     * each agent trying at most {@code tries} ports.
     */
    ShellBenchMesh(int peers, boolean perBid, Ports portSource, int tries) throws IOException {
        this.ports = portSource;
        this.tries = tries;
        this.peers = peers;
        this.perBid = perBid;
        for (String tool : List.of("mksh", "toybox")) {
            if (!onPath(tool)) {
                throw new IllegalStateException(tool + " is not installed: the shell agent runs under mksh and toybox; "
                        + "run scripts/setup (as root) to install them");
            }
        }
        PeerDirectory directory = new PeerDirectory();
        orchestrator = new LiveOrchestrator(directory, Devices.ORCHESTRATOR, "127.0.0.1", 0);
        root = Files.createTempDirectory("meshbench-bench-agents");
        try {
            List<DeviceConfig> configs = Devices.configs(peers);
            List<Integer> ports = new ArrayList<>();
            for (DeviceConfig c : configs) {
                ports.add(this.ports.next());
                Path dir = root.resolve(c.deviceId());
                Files.createDirectories(dir);
                AgentBundle.fromClassPath().writeTo(dir);
                Files.writeString(dir.resolve("device_config.json"), "{\"device_id\": \"" + c.deviceId()
                        + "\", \"has_npu\": " + c.hasNpu() + ", \"slm_command\": \"printf done\""
                        + (perBid ? ", \"cpu_sample\": \"per_bid\"" : "") + "}\n");
                dirs.add(dir);
            }
            writePeers(configs, ports);
            for (int i = 0; i < peers; i++) {
                String id = configs.get(i).deviceId();
                int port = startAgent(dirs.get(i), id, ports.get(i), configs, ports, i);
                directory.put(new PeerDirectory.Peer(id, "127.0.0.1", port));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    /**
     * Starts the agent of {@code dirs[index]} on {@code port}; when its netcat cannot bind that port (another
     * process took it between our choosing it and netcat binding it: toybox nc needs the number up front, so
     * the race cannot be closed), chooses another free port, rewrites every agent's peers.txt and tries
     * again, up to {@link #BIND_TRIES} times (the mesh's {@code tries}). Returns the port the agent listens on.
     */
    private int startAgent(Path dir, String id, int port, List<DeviceConfig> configs, List<Integer> ports, int index)
            throws IOException {
        List<String> tried = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            String failure = tryStart(dir, port, attempt > 1);
            if (failure == null) {
                return port;
            }
            tried.add(port + " (" + failure + ")");
            if (attempt >= tries) {
                throw new IOException("shell agent " + id + " could not listen after " + tries + " ports: "
                        + String.join("; ", tried) + ". Other programs keep taking the free ports it chose; stop them "
                        + "or run the benchmark again");
            }
            port = this.ports.next();
            ports.set(index, port);
            writePeers(configs, ports);
        }
    }

    /** How many ports an agent tries before its mesh gives up. */
    static final int BIND_TRIES = 5;

    /** Starts the agent in {@code dir} on {@code port}; null when it listens there, else why not (netcat's words). */
    private static String tryStart(Path dir, int port, boolean again) throws IOException {
        Path ncErr = dir.resolve("run").resolve("nc.err");
        if (again) {
            ctl(dir, "stop"); // what is left of the failed attempt
        }
        try {
            ctl(dir, "start", String.valueOf(port));
        } catch (IOException e) {
            String err = Files.exists(ncErr) ? Files.readString(ncErr).strip() : "";
            if (err.isEmpty()) {
                throw e;
            }
            return err.lines().reduce((a, b) -> b).orElse(err); // the listener started and its netcat ended at once
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String err = Files.exists(ncErr) ? Files.readString(ncErr).strip() : "";
            if (!err.isEmpty()) {
                return err.lines().reduce((a, b) -> b).orElse(err); // e.g. "nc: bind: Address already in use"
            }
            if (listening(port)) {
                // Someone listens on the port: ours, or whoever took it if our netcat failed to bind. A netcat
                // that fails to bind says so at once and its listener ends, so look once more before trusting it.
                if (!running(dir)) {
                    String late = Files.exists(ncErr) ? Files.readString(ncErr).strip() : "";
                    return late.isEmpty() ? "its listener ended" : late.lines().reduce((a, b) -> b).orElse(late);
                }
                err = Files.exists(ncErr) ? Files.readString(ncErr).strip() : "";
                return err.isEmpty() ? null : err.lines().reduce((a, b) -> b).orElse(err);
            }
            if (System.nanoTime() > deadline) {
                return "not listening after 10 s";
            }
            try {
                Thread.sleep(20); // toybox nc is about to bind; there is no event to wait for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the shell agent in " + dir, e);
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true; // an empty connection: the agent's handler reads nothing and ends
        } catch (IOException notYet) {
            return false;
        }
    }

    private static boolean running(Path dir) {
        try {
            return ctl(dir, "status").startsWith("state=running");
        } catch (IOException e) {
            return false;
        }
    }

    private void writePeers(List<DeviceConfig> configs, List<Integer> ports) throws IOException {
        StringBuilder peersTxt = new StringBuilder(Devices.ORCHESTRATOR + " 127.0.0.1 " + orchestrator.port() + "\n");
        for (int i = 0; i < configs.size(); i++) {
            peersTxt.append(configs.get(i).deviceId()).append(" 127.0.0.1 ").append(ports.get(i)).append('\n');
        }
        for (Path dir : dirs) {
            Files.writeString(dir.resolve("peers.txt"), peersTxt); // read afresh by every message the agent sends
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // toybox nc needs the number up front
        }
    }

    /** Runs mesh_ctl.sh; its output. {@code status} exits 3 when stopped, which is an answer, not a failure. */
    private static String ctl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("mksh", dir.resolve("mesh_ctl.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("MESH_DIR", dir.toString());
        pb.environment().put("MESH_SYSROOT", "");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS) || (p.exitValue() != 0 && !(args[0].equals("status") && p.exitValue() == 3))) {
                p.destroyForcibly();
                throw new IOException("mesh_ctl.sh " + String.join(" ", args) + " in " + dir + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running mesh_ctl.sh", e);
        }
        return out;
    }

    @Override
    public String describe() {
        return "shell agents (mksh + toybox nc)" + (perBid ? " with the 500 ms CPU window" : "") + ", " + peers + " peers";
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
        for (Path dir : dirs) {
            try {
                ctl(dir, "stop");
            } catch (IOException ignored) {
                // best effort: the next line removes its folder anyway
            }
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
