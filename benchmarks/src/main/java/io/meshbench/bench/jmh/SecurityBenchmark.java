package io.meshbench.bench.jmh;

import io.meshbench.adb.AgentBundle;
import io.meshbench.net.LineServer;
import io.meshbench.security.Envelope;
import io.meshbench.security.Mesh;
import io.meshbench.security.NodeSecurity;
import io.meshbench.security.NonceCache;
import io.meshbench.security.Tls;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What security costs: a full TLS 1.3 handshake with both certificates checked (paid once per peer
 * on kept connections), sealing and opening one line with the HMAC envelope in Java, and the same
 * in the phone agent under mksh + toybox (sha256sum, xxd), where each line costs a few processes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SecurityBenchmark {

    static final String LINE = "BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"cpu_load\": 0.452, "
            + "\"ram_load\": 0.6, \"battery\": 85, \"has_npu\": true, \"task_id\": \"task_1_0a1b2c3d\", \"mb\": 1}";
    static final int SHELL_LINES = 10;

    private final Mesh mesh = Mesh.create("bench", List.of("Device_A", "Device_B"), List.of("Phone_1"));
    private LineServer server;
    private SSLContext client;
    private byte[] key;
    private String sealed;
    private Path agent;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = LineServer.start("127.0.0.1", 0, LineServer.Limits.LOCAL, NodeSecurity.of(mesh, "Device_A").ssl(),
                new LineServer.Handler() {
                    @Override
                    public void onLine(String line, LineServer.Origin origin) {
                    }

                    @Override
                    public void onError(String remote, String reason, String excerpt) {
                    }
                });
        client = mesh.sslContext("Device_B");
        key = mesh.agentKey("Phone_1");
        sealed = Envelope.seal(key, LINE, System.currentTimeMillis() / 1000);
        agent = Files.createTempDirectory("meshbench-hmac-bench");
        AgentBundle.fromClassPath().writeTo(agent);
        Files.writeString(agent.resolve("mesh.key"), java.util.HexFormat.of().formatHex(key) + "\n");
        Files.createDirectories(agent.resolve("run"));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        server.close();
        try (var files = Files.walk(agent)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Connect, handshake (TLS 1.3, mutual), and learn the server's proved id. */
    @Benchmark
    public String tlsHandshake() throws IOException {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port());
             SSLSocket tls = Tls.connect(client, plain, "Device_A")) {
            return tls.getSession().getProtocol();
        }
    }

    /** One line sealed in Java (as a Java node sends to a shell agent). */
    @Benchmark
    public String hmacSealJava() {
        return Envelope.seal(key, LINE, 1_800_000_000L);
    }

    /** One sealed line opened in Java: MAC, time window, nonce (a fresh cache, so it is never a replay). */
    @Benchmark
    public Envelope.Opened hmacOpenJava() throws Exception {
        return Envelope.open(sealed, id -> key, "", System.currentTimeMillis() / 1000, 60, new NonceCache(4, 60));
    }

    /** One line sealed by the phone agent (mksh + toybox), averaged over 10 in one shell. */
    @Benchmark
    @OperationsPerInvocation(SHELL_LINES)
    public int hmacSealShell() throws Exception {
        return shell("security_load; i=0; while (( i < " + SHELL_LINES + " )); do seal_line \"$1\"; i=$((i+1)); done");
    }

    /** One sealed line opened by the phone agent (MAC, window, nonce file), averaged over 10 in one shell. */
    @Benchmark
    @OperationsPerInvocation(SHELL_LINES)
    public int hmacOpenShell() throws Exception {
        return shell("security_load; i=0; while (( i < " + SHELL_LINES + " )); do seal_line \"$1\"; "
                + "open_line \"$SEALED\" || exit 3; i=$((i+1)); done");
    }

    private int shell(String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("mksh", "-c", ". ./mesh_common.sh; " + script, "sh", LINE)
                .directory(agent.toFile()).redirectErrorStream(true);
        pb.environment().put("MESH_DIR", agent.toString());
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("the agent's HMAC failed (status " + rc + ")");
        }
        return rc;
    }
}
