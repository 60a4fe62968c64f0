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

    public ShellBenchMesh(int peers, boolean perBid) throws IOException {
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
            StringBuilder peersTxt = new StringBuilder(Devices.ORCHESTRATOR + " 127.0.0.1 " + orchestrator.port() + "\n");
            List<Integer> ports = new ArrayList<>();
            for (DeviceConfig c : configs) {
                int port = freePort();
                ports.add(port);
                peersTxt.append(c.deviceId()).append(" 127.0.0.1 ").append(port).append('\n');
            }
            for (int i = 0; i < peers; i++) {
                DeviceConfig c = configs.get(i);
                Path dir = root.resolve(c.deviceId());
                Files.createDirectories(dir);
                AgentBundle.fromClassPath().writeTo(dir);
                Files.writeString(dir.resolve("device_config.json"), "{\"device_id\": \"" + c.deviceId()
                        + "\", \"has_npu\": " + c.hasNpu() + ", \"slm_command\": \"printf done\""
                        + (perBid ? ", \"cpu_sample\": \"per_bid\"" : "") + "}\n");
                Files.writeString(dir.resolve("peers.txt"), peersTxt);
                dirs.add(dir);
                ctl(dir, "start", String.valueOf(ports.get(i)));
                directory.put(new PeerDirectory.Peer(c.deviceId(), "127.0.0.1", ports.get(i)));
            }
            for (int port : ports) {
                awaitListening(port);
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // toybox nc needs the number up front
        }
    }

    private static void ctl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("mksh", dir.resolve("mesh_ctl.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("MESH_DIR", dir.toString());
        pb.environment().put("MESH_SYSROOT", "");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("mesh_ctl.sh " + String.join(" ", args) + " in " + dir + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running mesh_ctl.sh", e);
        }
    }

    private static void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return; // an empty connection: the agent's handler reads nothing and ends
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("shell agent on port " + port + " is not listening after 10 s", notYet);
                }
                try {
                    Thread.sleep(20); // toybox nc is about to bind; there is no event to wait for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
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
