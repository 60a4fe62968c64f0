package io.meshbench.agent;

import io.meshbench.agent.testing.ShellAgent;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.security.Envelope;
import io.meshbench.security.Mesh;
import io.meshbench.security.NodeSecurity;
import io.meshbench.security.NonceCache;
import io.meshbench.testing.EventRecorder;
import io.meshbench.testing.RawPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phone agent with a mesh key, under mksh + toybox: its HMAC-SHA256 (RFC 2104 from sha256sum and
 * xxd) agrees byte for byte with the JDK's, the Java orchestrator runs auctions with it over sealed
 * lines, and plaintext, wrong-key, stale, replayed and untrusted lines run nothing.
 */
class ShellAgentHmacTest {

    @TempDir
    Path temp;

    private final EventBus bus = new EventBus();
    private final EventRecorder events = new EventRecorder();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Mesh mesh = Mesh.create("t", List.of("Device_A"), List.of("Device_B", "Device_C"));

    @BeforeAll
    static void needsMkshAndToybox() throws Exception {
        AgentTools.require();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
    }

    private ShellAgent agent(ShellAgent.Spec spec, int port, String peers, boolean withKey) throws Exception {
        ShellAgent agent = ShellAgent.start(temp.resolve(spec.id()), spec, port, peers);
        running.add(agent);
        if (withKey) {
            Path key = agent.dir().resolve("mesh.key");
            Files.writeString(key, HexFormat.of().formatHex(mesh.agentKey(spec.id())) + "\n");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        return agent;
    }

    private static String shell(ShellAgent agent, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mksh", "-c", ". ./mesh_common.sh; security_load || exit 9; " + script, "sh"));
        command.addAll(List.of(args));
        ShellAgent.Result result = agent.run(command);
        assertEquals(0, result.status(), result.output());
        return result.output();
    }

    @Test
    void theShellsHmacIsTheJdksByteForByte() throws Exception {
        ShellAgent agent = agent(ShellAgent.Spec.of("Device_B", true, 4520), ShellAgent.freePort(), "", true);
        byte[] key = mesh.agentKey("Device_B");
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(key, "HmacSHA256"));
        SplittableRandom random = new SplittableRandom(11);
        List<String> messages = new ArrayList<>(List.of("", "a", "-n", "\\n \\\\ \\u00e9 %s $HOME `id` \"q\" 'q'",
                "RESULT|Device_B|{\"output\": \"sunset \u00e9\u65e5\u672c \ud83c\udf05\"}", "x".repeat(5000)));
        for (int i = 0; i < 12; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(300);
            for (int j = 0; j < n; j++) {
                s.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : 0xa0 + random.nextInt(0x2000)));
            }
            messages.add(s.toString());
        }
        for (String message : messages) {
            String expected = HexFormat.of().formatHex(jdk.doFinal(message.getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, shell(agent, "hmac_hex \"$1\"", message), "HMAC of: " + message);
        }
        // sealed by the shell, opened by Java; sealed by Java, opened by the shell
        String line = "BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\"}";
        String sealed = shell(agent, "seal_line \"$1\"; print -r -- \"$SEALED\"", line);
        Envelope.Opened opened = Envelope.open(sealed, id -> id.equals("Device_B") ? key : null, "no key",
                System.currentTimeMillis() / 1000, 60, new NonceCache(10, 60));
        assertEquals(line, opened.line());
        String fromJava = Envelope.seal(key, "TASK|Device_A|{}", System.currentTimeMillis() / 1000);
        assertEquals("TASK|Device_A|{}", shell(agent, "open_line \"$1\" || { print -r -- \"$REASON\"; exit 1; }; "
                + "print -r -- \"$OPENED\"", fromJava));
    }

    @Test
    void theJavaOrchestratorRunsAuctionsWithShellAgentsOverSealedLines() throws Exception {
        bus.subscribe(events);
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        PeerDirectory directory = new PeerDirectory();
        LiveNode<Orchestrator> orchestrator = new LiveNode<>("Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, plugins.strategy("npu-first")), directory, bus,
                LiveNode.Options.loopback(0).withSecurity(NodeSecurity.of(mesh, "Device_A"))).start();
        running.add(orchestrator);
        int portB = ShellAgent.freePort();
        int portC = ShellAgent.freePort();
        directory.put(new PeerDirectory.Peer("Device_A", "127.0.0.1", orchestrator.port()));
        directory.put(new PeerDirectory.Peer("Device_B", "127.0.0.1", portB));
        directory.put(new PeerDirectory.Peer("Device_C", "127.0.0.1", portC));
        String peers = directory.format();
        ShellAgent b = agent(ShellAgent.Spec.of("Device_B", true, 4520), portB, peers, true);
        agent(ShellAgent.Spec.of("Device_C", false, 3210), portC, peers, true);

        String task = orchestrator.call(o -> o.submit(new PromptRequest("Describe a sunset",
                "[NPU Optimized] Describe a sunset \u00e9", "[CPU Mode] Describe a sunset"))).join();
        MeshEvent.TaskCompleted done = events.await(MeshEvent.TaskCompleted.class, e -> e.taskId().equals(task));
        assertEquals("Device_B", done.device());
        assertEquals("[Device_B npu=true] [NPU Optimized] Describe a sunset \u00e9", done.output());
        MeshEvent.AuctionClosed closed = events.await(MeshEvent.AuctionClosed.class, e -> e.taskId().equals(task));
        assertEquals(0.452, closed.bids().get(0).cpuLoad().getAsDouble(), 1e-9);
        assertEquals(List.of(), events.all(MeshEvent.InputRejected.class));
        // what the phone received and sent was sealed
        List<String> log = b.log();
        assertTrue(log.stream().anyMatch(l -> l.contains("\tRECV\tTASK|Device_A|")), String.join("\n", log));

        // An outsider's plaintext bid and a bid sealed with another key are refused by the orchestrator.
        RawPeer.sendOnce(orchestrator.port(), "BID_RESPONSE|Device_C|{\"device_id\": \"Device_C\", \"cpu_load\": 0.0, "
                + "\"ram_load\": 0.0, \"battery\": 100, \"has_npu\": true}\n");
        RawPeer.sendOnce(orchestrator.port(), Envelope.seal(new byte[32], "BID_RESPONSE|Device_C|{}",
                System.currentTimeMillis() / 1000) + "\n");
        events.await(MeshEvent.InputRejected.class, e -> e.reason().startsWith("plaintext line refused"));
        events.await(MeshEvent.InputRejected.class, e -> e.reason().startsWith("HMAC check failed"));
    }

    @Test
    void plaintextWrongKeyStaleReplayedAndUntrustedTasksRunNothingOnThePhone() throws Exception {
        try (RawPeer orchestrator = new RawPeer()) {
            int port = ShellAgent.freePort();
            ShellAgent agent = agent(ShellAgent.Spec.of("Device_B", true, 4520)
                    .withSlm("touch \"$MESH_DIR/ran_$PROMPT\"; print -r -- \"$PROMPT\""),
                    port, "Device_A 127.0.0.1 " + orchestrator.port() + "\n", true);
            byte[] key = mesh.agentKey("Device_B");
            long now = System.currentTimeMillis() / 1000;
            String good = Envelope.seal(key, task("Device_A", "t_ok", "ok"), now);
            List<String> attacks = List.of(
                    task("Device_A", "t_plain", "plain"),
                    Envelope.seal(mesh.agentKey("Device_C"), task("Device_A", "t_wrongkey", "wrongkey"), now),
                    Envelope.seal(key, task("Device_A", "t_stale", "stale"), now - 600),
                    Envelope.seal(key, task("Device_Z", "t_outsider", "outsider"), now),
                    Envelope.seal(key, task("Device_A", "x; touch owned", "injected"), now),
                    good.replace("\"ok\"", "\"tampered\""));
            RawPeer.sendOnce(port, good + "\n");
            String result = orchestrator.nextLine();
            assertTrue(result.startsWith("MB1|"), "the RESULT is sealed: " + result);
            Envelope.Opened opened = Envelope.open(result, id -> key, "", now, 60, new NonceCache(10, 60));
            assertTrue(opened.line().startsWith("RESULT|Device_B|{\"task_id\": \"t_ok\""), opened.line());
            RawPeer.sendOnce(port, good + "\n"); // the same sealed TASK again: a replay
            for (String attack : attacks) {
                RawPeer.sendOnce(port, attack + "\n");
            }
            List<String> rejects = agent.awaitLog(log -> log.stream().filter(l -> l.contains("\tREJECT\t")).count()
                    >= attacks.size() + 1).stream().filter(l -> l.contains("\tREJECT\t")).toList();
            String all = String.join("\n", rejects);
            for (String reason : List.of("plaintext line refused", "HMAC check failed", "stale or future line",
                    "replayed line", "which is not in", "task_id may hold only")) {
                assertTrue(all.contains(reason), reason + " missing from:\n" + all);
            }
            assertEquals(2, rejects.stream().filter(l -> l.contains("HMAC check failed")).count(), all);
            assertTrue(Files.exists(agent.dir().resolve("ran_ok")), "the genuine TASK ran");
            try (var files = Files.list(agent.dir())) {
                assertEquals(List.of("ran_ok"), files.map(f -> f.getFileName().toString())
                        .filter(f -> f.startsWith("ran_") || f.equals("owned")).toList(), "only the genuine TASK ran");
            }
            assertFalse(Files.exists(agent.dir().resolve("owned")));
            assertEquals(null, orchestrator.pollLine(java.time.Duration.ofMillis(300)), "no other RESULT");
        }
    }

    private static String task(String sender, String taskId, String prompt) {
        return "TASK|" + sender + "|{\"task_id\": \"" + taskId + "\", \"prompt\": \"" + prompt
                + "\", \"use_npu\": true, \"prompt_type\": \"npu_prompt\"}";
    }
}
