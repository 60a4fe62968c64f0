package io.meshbench.agent;

import io.meshbench.adb.AgentLog;
import io.meshbench.testing.RawPeer;
import io.meshbench.agent.testing.ShellAgent;
import io.meshbench.event.MeshEvent;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.MessageEncoder;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shell agent seen from the wire: a raw socket plays the orchestrator Device_A. */
class ShellAgentWireTest {

    private static final Pattern LOG_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\t[A-Z_]+(\t.*)?");

    @TempDir
    Path temp;

    private final MessageDecoder decoder = new MessageDecoder();
    private final MessageEncoder seedEncoder = new MessageEncoder(false);
    private ShellAgent.OnWire wire;
    private RawPeer orchestrator;
    private ShellAgent agent;

    @BeforeAll
    static void needsMkshAndToybox() throws Exception {
        AgentTools.require();
    }

    @AfterEach
    void stop() throws Exception {
        if (wire != null) {
            wire.close();
        }
    }

    private ShellAgent start(ShellAgent.Spec spec) throws Exception {
        wire = ShellAgent.OnWire.start(temp.resolve(spec.id()), spec);
        orchestrator = wire.orchestrator();
        agent = wire.agent();
        return agent;
    }

    private static String bidRequest(String task) {
        return "BID_REQUEST|Device_A|{\"task_id\": \"" + task + "\", \"task_type\": \"slm_inference\", "
                + "\"prompt\": \"Describe a sunset\", \"deadline\": 10}\n";
    }

    private TaskResult runTask(String prompt) throws Exception {
        RawPeer.sendOnce(agent.port(), seedEncoder.encode(new TaskRequest("Device_A", "task_9", prompt, false,
                "cpu_prompt")) + "\n");
        return assertInstanceOf(TaskResult.class, decoder.decode(orchestrator.nextLine()).message());
    }

    @Test
    void aBidIsAnsweredInTheSeedsExactLayoutPlusTheProtocolV1Marker() throws Exception {
        start(ShellAgent.Spec.of("Device_B", true, 4520));
        RawPeer.sendOnce(agent.port(), bidRequest("task_123"));
        String reply = orchestrator.nextLine();
        assertEquals("BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"cpu_load\": 0.4520, \"ram_load\": 0.6000, "
                + "\"battery\": 85, \"has_npu\": true, \"task_id\": \"task_123\", \"mb\": 1}", reply);
        assertEquals(1, decoder.decode(reply).extensionLevel());
    }

    @Test
    void withLivenessOffABidIsTheSeedsLineExactly() throws Exception {
        start(ShellAgent.Spec.of("Device_B", true, 4520).withConfig("\"liveness\": false"));
        RawPeer.sendOnce(agent.port(), bidRequest("task_123"));
        String reply = orchestrator.nextLine();
        assertEquals("BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"cpu_load\": 0.4520, \"ram_load\": 0.6000, "
                + "\"battery\": 85, \"has_npu\": true, \"task_id\": \"task_123\"}", reply);
        BidResponse bid = assertInstanceOf(BidResponse.class, decoder.decode(reply).message());
        assertEquals(0.452, bid.cpuLoad().getAsDouble(), 1e-9);
    }

    @Test
    void aTaskRunsTheModelAndTheResultCarriesItsOutputEscaped() throws Exception {
        start(ShellAgent.Spec.of("Device_B", false, 3000).withSlm("cat \"$PROMPT_FILE\""));
        String prompt = "Say \"hi\" to C:\\temp\\new\n\tthen a tab, \r a return, é, € and 😀 \u0001.";
        RawPeer.sendOnce(agent.port(), seedEncoder.encode(new TaskRequest("Device_A", "task_9", prompt, false,
                "cpu_prompt")) + "\n");
        String line = orchestrator.nextLine();
        assertTrue(line.startsWith("RESULT|Device_B|{\"task_id\": \"task_9\", \"device_id\": \"Device_B\", "
                + "\"status\": \"completed\", \"output\": \"Say \\\"hi\\\" to C:\\\\temp\\\\new\\n\\tthen a tab, \\r a"),
                line);
        assertTrue(line.endsWith(".\", \"mb\": 1}"), line);
        TaskResult result = assertInstanceOf(TaskResult.class, decoder.decode(line).message());
        assertEquals(prompt.replace("\u0001", ""), result.output(), "control characters other than \\t \\n \\r are dropped");
    }

    @Test
    void aFailingModelGivesAFailedResultWithTheReason() throws Exception {
        start(ShellAgent.Spec.of("Device_B", false, 3000)
                .withSlm("echo 'model file /sdcard/m.gguf is missing' >&2; exit 7"));
        TaskResult failed = runTask("anything");
        assertEquals("failed", failed.status());
        assertTrue(failed.output().contains("exit status 7") && failed.output().contains("m.gguf is missing"),
                failed.output());
    }

    @Test
    void noModelConfiguredAndAModelThatHangsFailWithReasons() throws Exception {
        start(ShellAgent.Spec.of("Device_B", false, 3000).withSlm(null));
        TaskResult none = runTask("anything");
        assertEquals("failed", none.status());
        assertTrue(none.output().contains("slm_command"), none.output());
        wire.close();
        start(ShellAgent.Spec.of("Device_C", false, 3000).withSlm("sleep 30").withConfig("\"task_timeout_s\": 1"));
        TaskResult slow = runTask("anything");
        assertEquals("failed", slow.status());
        assertEquals("run_slm.sh timed out after 1 s", slow.output());
    }

    /**
     * Bursts of bids sent at the same instant are all answered. toybox nc listens with a backlog
     * of 5 ({@code listen(sockfd, 5)}), so a burst is five connections: a larger one can lose lines
     * whose sender closes before the kernel has accepted its connection (see the agent's README).
     */
    @Test
    void burstsOfBidsAtOnceAreAllAnswered() throws Exception {
        start(ShellAgent.Spec.of("Device_B", true, 4520));
        int burst = 5;
        Set<String> answered = new HashSet<>();
        for (int round = 0; round < 4; round++) {
            int first = round * burst;
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Object>> sent = IntStream.range(first, first + burst).mapToObj(i -> pool.submit(() -> {
                    RawPeer.sendOnce(agent.port(), bidRequest("task_" + i));
                    return null;
                })).toList();
                for (Future<Object> f : sent) {
                    f.get();
                }
            }
            try {
                for (int i = 0; i < burst; i++) {
                    answered.add(decoder.decode(orchestrator.nextLine()).message().taskId());
                }
            } catch (AssertionError e) {
                throw new AssertionError(answered.size() + " answered; agent log:\n" + String.join("\n", agent.log()), e);
            }
        }
        assertEquals(IntStream.range(0, 4 * burst).mapToObj(i -> "task_" + i).collect(java.util.stream.Collectors.toSet()),
                answered);
    }

    @Test
    void tasksArrivingTogetherRunAtTheSameTime() throws Exception {
        // each run waits (up to 10 s) until all three have started: only concurrent runs can succeed
        start(ShellAgent.Spec.of("Device_B", false, 3000).withSlm("touch \"$MESH_DIR/started.$$\"; i=0; "
                + "while [ $(ls \"$MESH_DIR\" | grep -c '^started') -lt 3 ] && [ $i -lt 100 ]; do sleep 0.1; "
                + "i=$((i+1)); done; if [ $i -lt 100 ]; then echo together; else echo alone >&2; exit 1; fi"));
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                String task = "task_" + i;
                pool.submit(() -> {
                    RawPeer.sendOnce(agent.port(), seedEncoder.encode(new TaskRequest("Device_A", task, "go", false,
                            "cpu_prompt")) + "\n");
                    return null;
                });
            }
        }
        Set<String> together = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            TaskResult result = assertInstanceOf(TaskResult.class, decoder.decode(orchestrator.nextLine()).message());
            assertEquals("together", result.output(), result.toString());
            together.add(result.taskId());
        }
        assertEquals(Set.of("task_0", "task_1", "task_2"), together);
    }

    @Test
    void badInputIsLoggedAndTheAgentKeepsServing() throws Exception {
        start(ShellAgent.Spec.of("Device_B", true, 4520));
        List<String> bad = List.of("garbage", "BID_REQUEST|Device_A|not json", "PING|Device_A|{}",
                "BID_REQUEST|Dev ice|{\"task_id\": \"t\"}", "BID_REQUEST|Device_A|{\"task_id\": \"unterminated}",
                "BID_REQUEST|Device_A|{\"task_type\": \"slm_inference\"}", "TASK|Device_A|{\"task_id\": \"t1\"}",
                "BID_REQUEST|Device_A|{\"task_id\": 5}", "x".repeat(70_000), "|||", "\u0000\u00ff binary");
        for (String line : bad) {
            RawPeer.sendOnce(agent.port(), (line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        // the bad-escape TASK: the model never runs, a failed RESULT says why
        RawPeer.sendOnce(agent.port(), "TASK|Device_A|{\"task_id\": \"t2\", \"prompt\": \"bad \\uZZZZ\", "
                + "\"use_npu\": false, \"prompt_type\": \"cpu_prompt\"}\n");
        TaskResult failed = assertInstanceOf(TaskResult.class, decoder.decode(orchestrator.nextLine()).message());
        assertEquals("failed", failed.status());
        assertTrue(failed.output().contains("escape"), failed.output());

        RawPeer.sendOnce(agent.port(), bidRequest("task_after"));
        assertEquals("task_after", decoder.decode(orchestrator.nextLine()).message().taskId());
        // every bad line is one REJECT, and the TASK without a prompt one more
        List<String> rejects = agent.awaitLog(log -> log.stream().filter(l -> l.contains("\tREJECT\t")).count()
                >= bad.size()).stream().filter(l -> l.contains("\tREJECT\t")).toList();
        assertEquals(bad.size(), rejects.size(), String.join("\n", rejects));
        assertTrue(rejects.stream().anyMatch(l -> l.contains("line longer than 65536 bytes")), rejects.toString());
        assertTrue(rejects.stream().anyMatch(l -> l.contains("no \"task_id\" field")), rejects.toString());
        assertEquals(0, agent.ctl("status").status(), "still running");
    }

    @Test
    void devicesWithoutABatteryFileBidNullAndPerBidSamplingReadsTheRealCpu() throws Exception {
        start(new ShellAgent.Spec("Device_B", false, -1, 0, null, ShellAgent.ECHO, "\"cpu_sample\": \"per_bid\""));
        RawPeer.sendOnce(agent.port(), bidRequest("task_1"));
        BidResponse bid = assertInstanceOf(BidResponse.class, decoder.decode(orchestrator.nextLine()).message());
        assertTrue(bid.cpuLoad().isPresent() && bid.cpuLoad().getAsDouble() <= 1.0, bid.toString());
        assertTrue(bid.ramLoad().isPresent() && bid.ramLoad().getAsDouble() > 0, bid.toString());
        assertFalse(bid.battery().isPresent(), "this machine has no /sys/class/power_supply/battery: " + bid);
    }

    @Test
    void theLogHasOneTimestampedLinePerEventAndReadsBackAsMeshEvents() throws Exception {
        start(ShellAgent.Spec.of("Device_B", true, 4520));
        RawPeer.sendOnce(agent.port(), bidRequest("task_1"));
        orchestrator.nextLine();
        runTask("hello");
        // TASK_DONE is logged just after the RESULT has gone out: wait for it, or STOP may come first
        for (int i = 0; i < 200 && agent.log().stream().noneMatch(l -> l.contains("\tTASK_DONE\t")); i++) {
            Thread.sleep(10);
        }
        RawPeer.sendOnce(agent.port(), "nonsense\n");
        RawPeer.sendOnce(agent.port(), bidRequest("task_2"));
        orchestrator.nextLine();
        // a reply's SENT line is written once nc has delivered it: wait for the third (bid, result, bid)
        for (int i = 0; i < 500 && agent.log().stream().filter(l -> l.contains("\tSENT\t")).count() < 3; i++) {
            Thread.sleep(10);
        }
        agent.close(); // stopped, so its log is whole (stopping again after the test is harmless)
        List<String> log = agent.log();
        log.forEach(l -> assertTrue(LOG_LINE.matcher(l).matches(), l));
        AgentLog reader = new AgentLog();
        List<MeshEvent> events = log.stream().map(l -> reader.toEvent("Device_B", l)).flatMap(Optional::stream)
                .toList();
        // a reply's SENT line is written once nc has delivered it, so it may follow the next RECV
        List<String> kinds = events.stream().map(e -> e.getClass().getSimpleName()).sorted().toList();
        assertEquals(List.of("InputRejected", "MessageReceived", "MessageReceived", "MessageReceived", "MessageSent",
                "MessageSent", "MessageSent", "NodeStarted", "NodeStopped", "TaskExecuted", "TaskStarted"), kinds);
        assertInstanceOf(MeshEvent.NodeStarted.class, events.getFirst());
        assertInstanceOf(MeshEvent.NodeStopped.class, events.getLast());
        MeshEvent.MessageSent bid = events.stream().filter(e -> e instanceof MeshEvent.MessageSent)
                .map(MeshEvent.MessageSent.class::cast).findFirst().orElseThrow();
        assertEquals("Device_A", bid.peer());
        assertEquals("BID_RESPONSE", bid.type());
        assertEquals("task_1", bid.taskId());
        MeshEvent.TaskExecuted ran = events.stream().filter(e -> e instanceof MeshEvent.TaskExecuted)
                .map(MeshEvent.TaskExecuted.class::cast).findFirst().orElseThrow();
        assertEquals(io.meshbench.plugin.api.SlmResult.Status.COMPLETED, ran.status());
        // the run's length is the log line's milliseconds, and fits between the start and the end logged
        String done = log.stream().filter(l -> l.contains("\tTASK_DONE\t")).findFirst().orElseThrow();
        long loggedMs = Long.parseLong(done.split("\t")[4]);
        assertEquals(loggedMs * 1_000_000L, ran.elapsedNanos(), done);
        MeshEvent.TaskStarted started = events.stream().filter(e -> e instanceof MeshEvent.TaskStarted)
                .map(MeshEvent.TaskStarted.class::cast).findFirst().orElseThrow();
        assertTrue(ran.elapsedNanos() <= ran.time() - started.time() + 1_000_000L,
                ran.elapsedNanos() + " ns run between " + started.time() + " and " + ran.time());
    }
}
