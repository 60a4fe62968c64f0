package io.meshbench.agent.testing;

import io.meshbench.adb.AgentBundle;
import io.meshbench.testing.RawPeer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real phone agent (the shell scripts of this module) running under Debian's mksh and toybox
 * in a folder of its own, with a made-up device under {@code sys/} ({@code /proc/stat},
 * {@code /proc/meminfo}, the battery) so that its bids are known in advance.
 */
public final class ShellAgent implements AutoCloseable {

    /**
     * A device to pretend to be.
     *
     * @param cpuPermyriad CPU load in ten-thousandths (4520 = 0.4520); -1 reads the machine's real /proc
     * @param ramPermyriad RAM load in ten-thousandths
     * @param battery      battery percentage, or null for a device without a battery file
     * @param slmCommand   device_config.json's slm_command, or null for none
     * @param extraConfig  more device_config.json fields, already as JSON ({@code "a": 1, "b": 2}), or ""
     */
    public record Spec(String id, boolean npu, int cpuPermyriad, int ramPermyriad, Integer battery, String slmCommand,
                       String extraConfig) {
        public static Spec of(String id, boolean npu, int cpuPermyriad) {
            return new Spec(id, npu, cpuPermyriad, 6000, 85, ECHO, "");
        }

        public Spec withSlm(String command) {
            return new Spec(id, npu, cpuPermyriad, ramPermyriad, battery, command, extraConfig);
        }

        public Spec withBattery(Integer level) {
            return new Spec(id, npu, cpuPermyriad, ramPermyriad, level, slmCommand, extraConfig);
        }

        public Spec withConfig(String json) {
            return new Spec(id, npu, cpuPermyriad, ramPermyriad, battery, slmCommand, json);
        }
    }

    /** An SLM that answers with its device, its mode and the prompt, byte for byte. */
    public static final String ECHO = "printf '[%s npu=%s] ' \"$MESH_ID\" \"$USE_NPU\"; cat \"$PROMPT_FILE\"";

    private final Path dir;
    private final Spec spec;
    private final int port;

    private ShellAgent(Path dir, Spec spec, int port) {
        this.dir = dir;
        this.spec = spec;
        this.port = port;
    }

    /** A free loopback port for an agent (toybox nc needs the number up front). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * A port P with P+1 free too, for setup's distinct ports (P, P+1, ...), below Linux's ephemeral
     * range (32768 and up), where adb's forwards and the fake phones' own sockets cannot take P+1 meanwhile.
     */
    public static int freePortPair() {
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < 200; i++) {
            int port = 20000 + random.nextInt(12000);
            try (ServerSocket a = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                 ServerSocket b = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new AssertionError("no two free ports in a row between 20000 and 32000");
    }

    /** Lays out the agent in {@code dir} as setup does on a phone, starts it, and waits until it takes connections. */
    public static ShellAgent start(Path dir, Spec spec, int port, String peersTxt) throws Exception {
        AgentBundle.fromClassPath().writeTo(dir);
        StringBuilder config = new StringBuilder("{\"device_id\": \"" + spec.id() + "\", \"has_npu\": " + spec.npu());
        if (spec.slmCommand() != null) {
            config.append(", \"slm_command\": \"").append(jsonEscape(spec.slmCommand())).append('"');
        }
        if (!spec.extraConfig().isEmpty()) {
            config.append(", ").append(spec.extraConfig());
        }
        Files.writeString(dir.resolve("device_config.json"), config.append("}\n"));
        Files.writeString(dir.resolve("peers.txt"), peersTxt);
        if (spec.cpuPermyriad() >= 0) {
            Path sys = dir.resolve("sys");
            Files.createDirectories(sys.resolve("proc"));
            Files.writeString(sys.resolve("proc/stat"), "cpu  " + spec.cpuPermyriad() + " 0 0 "
                    + (10_000 - spec.cpuPermyriad()) + " 0 0 0 0 0 0\ncpu0 1 0 0 1 0 0 0 0 0 0\n");
            Files.writeString(sys.resolve("proc/meminfo"), "MemTotal:       10000 kB\nMemFree:          100 kB\n"
                    + "MemAvailable:   " + (10_000 - spec.ramPermyriad()) + " kB\n");
            if (spec.battery() != null) {
                Path battery = sys.resolve("sys/class/power_supply/battery");
                Files.createDirectories(battery);
                Files.writeString(battery.resolve("capacity"), spec.battery() + "\n");
            }
        }
        ShellAgent agent = new ShellAgent(dir, spec, port);
        Result started = agent.ctl("start", String.valueOf(port));
        if (started.status() != 0) {
            throw new IllegalStateException("agent " + spec.id() + " did not start: " + started);
        }
        agent.awaitListening();
        return agent;
    }

    /** Runs {@code mesh_ctl.sh ARGS} as a host would over {@code adb shell}. */
    public Result ctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mksh", dir.resolve("mesh_ctl.sh").toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs a command with the agent's environment. */
    public Result run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("MESH_DIR", dir.toString());
        env.put("MESH_SYSROOT", spec.cpuPermyriad() >= 0 ? dir.resolve("sys").toString() : "");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    }

    public record Result(int status, String output) {
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return; // an empty connection: the handler reads nothing and ends
            } catch (IOException notYet) {
                Thread.sleep(20); // polling a port that toybox nc is about to bind; no event to wait for
            }
        }
        throw new IllegalStateException("agent " + spec.id() + " is not listening on " + port + " after 10 s");
    }

    public String id() {
        return spec.id();
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public List<String> log() throws IOException {
        Path log = dir.resolve("mesh_" + spec.id() + ".log");
        // a rejected line's excerpt may hold any bytes: decode leniently, as a log tailer does
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
    }

    /**
     * Waits until the log satisfies {@code done} (the agent's handlers are separate processes that
     * finish in any order; the log file is all there is to watch) and returns it.
     */
    public List<String> awaitLog(java.util.function.Predicate<List<String>> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> log = log();
        while (!done.test(log)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent's log did not reach the expected state in 20 s:\n"
                        + String.join("\n", log));
            }
            Thread.sleep(20);
            log = log();
        }
        return log;
    }

    /** The peers.txt line of this agent. */
    public String peerLine() {
        return spec.id() + " 127.0.0.1 " + port;
    }

    static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
    }

    @Override
    public void close() throws Exception {
        ctl("stop");
    }

    /**
     * A shell agent whose orchestrator, Device_A, is a raw socket of the test: the agent seen from the wire.
     * Its peers file lists Device_A with a comment and the agent as {@code HOST:PORT}, forms the agent reads.
     */
    public record OnWire(RawPeer orchestrator, ShellAgent agent) implements AutoCloseable {

        public static OnWire start(Path dir, Spec spec) throws Exception {
            RawPeer orchestrator = new RawPeer();
            try {
                int port = freePort();
                return new OnWire(orchestrator, ShellAgent.start(dir, spec, port, "Device_A 127.0.0.1 "
                        + orchestrator.port() + "   # the orchestrator\n" + spec.id() + " 127.0.0.1:" + port + "\n"));
            } catch (Exception | Error e) {
                orchestrator.close();
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            try {
                agent.close();
            } finally {
                orchestrator.close();
            }
        }
    }
}
