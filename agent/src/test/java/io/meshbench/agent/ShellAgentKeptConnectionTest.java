package io.meshbench.agent;

import io.meshbench.agent.testing.ShellAgent;
import io.meshbench.testing.RawPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One connection that stays open for many lines, as MeshBench's orchestrator keeps one to an agent that
 * announced {@code "mb"}. The agent's handler waits for each line with mksh's {@code read -t}, which a
 * signal interrupts; a handler that took that for the end of the connection closed it under the
 * orchestrator, and the line written next (a {@code BID_REQUEST} just after a task of that phone ended)
 * was lost: its auction waited out the bid timeout. These tests perform that order on purpose.
 */
class ShellAgentKeptConnectionTest {

    @TempDir
    Path temp;

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

    private void start(ShellAgent.Spec spec) throws Exception {
        wire = ShellAgent.OnWire.start(temp.resolve(spec.id()), spec);
        orchestrator = wire.orchestrator();
        agent = wire.agent();
    }

    private static byte[] bidRequest(String task) {
        return ("BID_REQUEST|Device_A|{\"task_id\": \"" + task + "\", \"task_type\": \"slm_inference\", "
                + "\"prompt\": \"p\", \"deadline\": 10, \"mb\": 1}\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The next line the orchestrator receives, which must be the bid for {@code task}. */
    private void awaitBid(String task) throws InterruptedException {
        String line = orchestrator.nextLine();
        assertTrue(line.startsWith("BID_RESPONSE|Device_B|") && line.contains("\"task_id\": \"" + task + "\""),
                "expected the bid for " + task + ", got: " + line);
    }

    @Test
    void aBidRequestWrittenRightAfterATaskEndedIsAnsweredOnTheSameConnection() throws Exception {
        // The model waits for a file the test creates, so that the task ends while the handler waits for a line.
        start(ShellAgent.Spec.of("Device_B", true, 4520)
                .withSlm("while [ ! -e \"$MESH_DIR/go\" ]; do sleep 0.05; done; printf done"));
        try (Socket kept = new Socket(InetAddress.getLoopbackAddress(), agent.port())) {
            OutputStream out = kept.getOutputStream();
            out.write(("TASK|Device_A|{\"task_id\": \"task_1\", \"prompt\": \"p\", \"use_npu\": true, "
                    + "\"prompt_type\": \"npu_prompt\", \"mb\": 1}\n").getBytes(StandardCharsets.UTF_8));
            out.write(bidRequest("task_2"));
            out.flush();
            awaitBid("task_2"); // the TASK line was handled: its run waits for the file
            awaitIdleInRead();

            Files.writeString(agent.dir().resolve("go"), "");
            String result = orchestrator.nextLine();
            assertTrue(result.startsWith("RESULT|Device_B|{\"task_id\": \"task_1\""), result);
            agent.awaitLog(log -> log.stream().anyMatch(l -> l.contains("\tTASK_DONE\ttask_1\t")));
            awaitRunEnded();

            // the order that lost a bid: the task's end signalled the handler, then the next line came
            out.write(bidRequest("task_3"));
            out.flush();
            awaitBid("task_3");
            // and the task's end did not even interrupt the wait: an interrupted read drops what it had read of a line
            Path err = agent.dir().resolve("run/handler.err");
            String errors = Files.exists(err) ? Files.readString(err) : "";
            assertTrue(!errors.contains("Interrupted system call"),
                    "the task ran detached, so its end did not signal the handler: " + errors);
        }
    }

    @Test
    void aSignalWhileTheHandlerWaitsForALineDoesNotEndTheConnection() throws Exception {
        start(ShellAgent.Spec.of("Device_B", true, 4520));
        try (Socket kept = new Socket(InetAddress.getLoopbackAddress(), agent.port())) {
            OutputStream out = kept.getOutputStream();
            out.write(bidRequest("task_1"));
            out.flush();
            awaitBid("task_1");
            ProcessHandle handler = awaitIdleInRead();

            // SIGCHLD, as the end of any child of the handler sends it, while it waits in read -t
            Process kill = new ProcessBuilder("kill", "-CHLD", String.valueOf(handler.pid())).start();
            assertEquals(0, kill.waitFor(), "kill -CHLD " + handler.pid());
            Path err = agent.dir().resolve("run/handler.err");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(Files.exists(err) && Files.readString(err).contains("Interrupted system call"))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the signal did not interrupt the handler's wait within 20 s");
                }
                Thread.sleep(10); // mksh says so on the handler's standard error: the file is all there is to watch
            }

            out.write(bidRequest("task_2"));
            out.flush();
            awaitBid("task_2");
            assertTrue(handler.isAlive(), "the same handler still serves the connection");
        }
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream().map(p -> {
            String state;
            try {
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) + " in "
                        + Files.readString(Path.of("/proc/" + p.pid() + "/wchan")).strip();
            } catch (IOException | RuntimeException gone) {
                state = "gone";
            }
            return p.pid() + " (parent " + p.parent().map(ProcessHandle::pid).orElse(-1L) + ", " + state + ")";
        }).toList().toString();
    }

    /**
     * The processes running this agent's mesh_handler.sh: connections' handlers and forks of them (a task's
     * run); not the listener's netcat, whose command line names the script it runs.
     */
    private List<ProcessHandle> handlers() throws IOException {
        String script = agent.dir().resolve("mesh_handler.sh").toString();
        long nc = listenerNetcat();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != nc && p.info().commandLine().map(c -> c.contains(script)).orElse(false))
                .toList();
    }

    /** The pid of the listener's toybox nc (run/listener.pid: LISTENER NC SAMPLER PORT). */
    private long listenerNetcat() throws IOException {
        return Long.parseLong(Files.readString(agent.dir().resolve("run/listener.pid")).strip().split(" +")[1]);
    }

    /**
     * Waits until the handler of the one open connection (the child of the listener's netcat; the start-up
     * probe's handler read an empty connection and ended) sleeps in its wait for a line, and returns it.
     */
    private ProcessHandle awaitIdleInRead() throws Exception {
        long nc = listenerNetcat();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<ProcessHandle> served = handlers().stream()
                    .filter(p -> p.parent().map(parent -> parent.pid() == nc).orElse(false)).toList();
            if (served.size() == 1 && handlerIsWaiting(served.getFirst())) {
                return served.getFirst();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the connection's handler did not settle into waiting for a line within 20 s: "
                        + describe(handlers()));
            }
            Thread.sleep(10); // processes of another program: /proc is all there is to watch
        }
    }

    /**
     * Whether the process sleeps in select/poll (its wchan: mksh's read -t waits there, while running a
     * command it waits in wait4), or, where the kernel hides wchan, sleeps with no child running.
     */
    private static boolean handlerIsWaiting(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            String wchan = Files.readString(Path.of("/proc/" + p.pid() + "/wchan")).strip();
            if (wchan.isEmpty() || wchan.equals("0")) {
                return state == 'S' && p.children().findAny().isEmpty();
            }
            return state == 'S' && (wchan.contains("select") || wchan.contains("poll"));
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * Waits until the task's own process (a fork of the handler that ran it) has ended: only the connection's
     * handler is left, or none if the task's end ended it too.
     */
    private void awaitRunEnded() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (handlers().size() > 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the task's process did not end within 20 s: " + describe(handlers()));
            }
            Thread.sleep(10); // processes of another program: /proc is all there is to watch
        }
    }
}
