package io.meshbench.cli;

import io.meshbench.security.Envelope;
import io.meshbench.security.Mesh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mesh made by {@code meshbench mesh init}, its nodes and orchestrator each in a JVM of its own,
 * attacked over real sockets by this JVM, which is outside the mesh: forged bids, results and tasks,
 * in plaintext, sealed with a wrong key and over TLS with another mesh's certificate, change no
 * outcome and run nothing.
 */
class SecureMeshProcessTest {

    private static final Pattern LISTENING = Pattern.compile(".*listening on 127\\.0\\.0\\.1:(\\d+).*");

    @Test
    void meshInitWritesOwnerOnlyFilesAndNodesRefuseToStartWithoutAChoice(@TempDir Path dir) throws Exception {
        Path mesh = dir.resolve("mesh");
        assertEquals(0, Main.run("mesh", "init", mesh.toString(), "--device", "Device_A,Device_B", "--agent", "Phone_1"));
        for (String file : List.of("ca.crt", "ca.key", "mesh.secret", "mesh.txt", "devices/Device_A.key",
                "devices/Device_A.crt", "agents/Phone_1.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(mesh.resolve(file))), file);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(mesh)));
        assertEquals(0, Main.run("mesh", "add", mesh.toString(), "--device", "Device_C"));
        assertTrue(Files.exists(mesh.resolve("devices/Device_C.key")));
        Files.writeString(dir.resolve("peers.txt"), "Device_A 127.0.0.1 1\n");
        try (Launcher node = Launcher.start("node", "--id", "Device_B", "--peers", dir.resolve("peers.txt").toString())) {
            String out = node.finish(Duration.ofSeconds(60));
            assertEquals(2, node.exitCode(), out);
            assertTrue(out.contains("node will not start without a mesh: give --mesh DIR"), out);
        }
        Files.setPosixFilePermissions(mesh.resolve("devices/Device_B.key"), PosixFilePermissions.fromString("rw-r--r--"));
        try (Launcher node = Launcher.start("node", "--id", "Device_B", "--mesh", mesh.toString(),
                "--peers", dir.resolve("peers.txt").toString())) {
            String out = node.finish(Duration.ofSeconds(60));
            assertEquals(2, node.exitCode(), out);
            assertTrue(out.contains("may be read by others (rw-r--r--)"), out);
        }
    }

    @Test
    void anOutsiderCannotChangeAnOutcomeNorRunATask(@TempDir Path dir) throws Exception {
        Path mesh = dir.resolve("mesh");
        assertEquals(0, Main.run("mesh", "init", mesh.toString(), "--device", "Device_A,Device_B,Device_C"));
        int portA = freePort();
        Files.writeString(dir.resolve("device_peers.txt"), "Device_A 127.0.0.1 " + portA + "\n");
        Files.writeString(dir.resolve("b.json"), "{\"device_id\": \"Device_B\", \"has_npu\": true, "
                + "\"metrics\": {\"source\": \"simulated\", \"cpu_load\": 0.452, \"ram_load\": 0.6, \"battery\": 85}, "
                + "\"slm\": {\"engine\": \"simulated\", \"speed\": 50}}");
        // Device_C runs tasks through a one-line shell command that uses the task id
        Files.writeString(dir.resolve("c.json"), "{\"device_id\": \"Device_C\", \"has_npu\": false, "
                + "\"metrics\": {\"source\": \"simulated\", \"cpu_load\": 0.321, \"ram_load\": 0.45, \"battery\": 92}, "
                + "\"slm\": {\"engine\": \"process\", \"command\": \"echo ran {task_id} >> " + dir.resolve("ran.txt") + "; cat\"}}");
        List<Launcher> nodes = new ArrayList<>();
        try {
            int[] ports = new int[2];
            String[] ids = {"Device_B", "Device_C"};
            for (int i = 0; i < 2; i++) {
                Launcher node = Launcher.start("node", "--mesh", mesh.toString(), "--host", "127.0.0.1", "--port", "0",
                        "--config", dir.resolve(ids[i].equals("Device_B") ? "b.json" : "c.json").toString(),
                        "--peers", dir.resolve("device_peers.txt").toString());
                nodes.add(node);
                Matcher m = LISTENING.matcher(node.awaitLine(l -> LISTENING.matcher(l).matches(), Duration.ofSeconds(60)));
                assertTrue(m.matches());
                ports[i] = Integer.parseInt(m.group(1));
            }
            Files.writeString(dir.resolve("peers.txt"), "Device_A 127.0.0.1 " + portA + "\nDevice_B 127.0.0.1 "
                    + ports[0] + "\nDevice_C 127.0.0.1 " + ports[1] + "\n");

            // The outsider floods the orchestrator with a better bid under Device_C's id, and both
            // devices with TASKs (one with a task id that is a shell command), for the whole run.
            Path owned = dir.resolve("owned");
            String forgedBid = "BID_RESPONSE|Device_C|{\"device_id\": \"Device_C\", \"cpu_load\": 0.0123, "
                    + "\"ram_load\": 0.0, \"battery\": 100, \"has_npu\": true}";
            String forgedResult = "RESULT|Device_B|{\"task_id\": \"task_1_00000000\", \"device_id\": \"Device_B\", "
                    + "\"status\": \"completed\", \"output\": \"FORGED\"}";
            String forgedTask = "TASK|Device_A|{\"task_id\": \"x; touch " + owned + "\", \"prompt\": \"p\", "
                    + "\"use_npu\": false, \"prompt_type\": \"cpu_prompt\"}";
            String forgedTask2 = "TASK|Device_A|{\"task_id\": \"evil_1\", \"prompt\": \"p\", \"use_npu\": false, "
                    + "\"prompt_type\": \"cpu_prompt\"}";
            Mesh other = Mesh.create("other", List.of("Device_A", "Device_C"), List.of());
            AtomicInteger sent = new AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread flood = Thread.ofVirtual().start(() -> {
                long now = System.currentTimeMillis() / 1000;
                byte[] wrongKey = new byte[32];
                while (flooding.get()) {
                    send(portA, forgedBid, sent);
                    send(portA, Envelope.seal(wrongKey, forgedBid, now), sent);
                    send(portA, forgedResult, sent);
                    for (int port : ports) {
                        send(port, forgedTask, sent);
                        send(port, Envelope.seal(wrongKey, forgedTask2, now), sent);
                        sendTls(other, port, forgedTask2, sent);
                    }
                    sendTls(other, portA, forgedBid, sent);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try (Launcher orchestrate = Launcher.start("orchestrate", "--mesh", mesh.toString(), "--id", "Device_A",
                    "--host", "127.0.0.1", "--port", String.valueOf(portA), "--peers", dir.resolve("peers.txt").toString(),
                    "--json")) {
                orchestrate.input("Describe a sunset\nDescribe the sea\nDescribe a forest\nDescribe a city\nDescribe rain\nexit\n");
                String out = orchestrate.finish(Duration.ofSeconds(120)).strip();
                flooding.set(false);
                flood.join();
                assertEquals(0, orchestrate.exitCode(), out);
                List<String> tasks = out.lines().filter(l -> l.startsWith("{\"task_id\"")).toList();
                assertEquals(5, tasks.size(), out);
                for (String task : tasks) {
                    assertTrue(task.contains("\"status\":\"completed\",\"device_id\":\"Device_B\""), task);
                    assertTrue(task.contains("[simulated] "), task);
                }
                assertFalse(out.contains("0.0123"), "a forged bid was evaluated: " + out);
                assertFalse(out.contains("FORGED"), out);
            }
            assertTrue(sent.get() > 50, "the outsider got lines through to the nodes' sockets: " + sent.get());
            assertFalse(Files.exists(owned), "the injected task id ran a shell command");
            assertFalse(Files.exists(dir.resolve("ran.txt")), "a forged TASK ran on Device_C");
            nodes.forEach(Launcher::close);
            String cLog = nodes.get(1).finish(Duration.ofSeconds(30));
            assertTrue(cLog.contains("plaintext line refused"), cLog);
            assertTrue(cLog.contains("TLS handshake failed"), cLog);
            assertFalse(cLog.contains("running "), "Device_C ran a task: " + cLog);
        } finally {
            nodes.forEach(Launcher::close);
        }
    }

    private static void send(int port, String line, AtomicInteger sent) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            sent.incrementAndGet();
        } catch (IOException refused) {
            // the node closed it: fine
        }
    }

    private static void sendTls(Mesh other, int port, String line, AtomicInteger sent) {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port)) {
            plain.setSoTimeout(2000);
            SSLSocket tls = (SSLSocket) other.sslContext("Device_A").getSocketFactory()
                    .createSocket(plain, "127.0.0.1", port, true);
            tls.startHandshake();
            OutputStream out = tls.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            tls.getInputStream().read();
        } catch (IOException refused) {
            sent.incrementAndGet(); // a failed handshake is the expected answer
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
