package io.meshbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.event.TaskOutcomes;
import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The orchestrator's side of the console: the banner, the peers, and either the prompt loop of the
 * original design (read a prompt, run its auction and task, show the result; {@code exit} quits)
 * or one prompt given on the command line. With {@code json}, each task ends in one JSON line and
 * nothing else is printed.
 */
final class PromptSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveNode<Orchestrator> orchestrator;
    private final PeerDirectory directory;
    private final PrintStream out;
    private final boolean json;
    private final TaskOutcomes outcomes;
    private final Map<String, MeshEvent.AuctionClosed> closed = new ConcurrentHashMap<>();
    private final AutoCloseable closedSubscription;

    PromptSession(LiveNode<Orchestrator> orchestrator, PeerDirectory directory, EventBus bus, PrintStream out,
                  boolean json) {
        this.orchestrator = orchestrator;
        this.directory = directory;
        this.out = out;
        this.json = json;
        this.outcomes = new TaskOutcomes(bus);
        this.closedSubscription = json ? bus.subscribe(e -> {
            if (e instanceof MeshEvent.AuctionClosed c) {
                closed.put(c.taskId(), c);
            }
        }) : () -> { };
    }

    void banner() {
        if (json) {
            return;
        }
        out.println(ConsoleView.RULE);
        out.println("P2P MESH ORCHESTRATOR");
        out.println(ConsoleView.RULE);
        out.println();
        List<PeerDirectory.Peer> peers = directory.all().stream()
                .filter(p -> !p.id().equals(orchestrator.id())).toList();
        out.println("Orchestrator: " + orchestrator.id() + " (listening on port " + orchestrator.port() + ", strategy "
                + orchestrator.handler().strategy().name() + ")");
        out.println("Connected Peers: " + peers.size());
        peers.forEach(p -> out.println("  - " + p.id() + " (" + p.hostPort() + ")"));
        out.println();
    }

    /** The prompt loop, until {@code exit} or the end of input; returns how many tasks failed. */
    int loop(java.util.function.Function<String, PromptRequest> requests) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int failures = 0;
        while (true) {
            if (!json) {
                out.println("Enter prompt for inference (or 'exit' to quit):");
                out.println();
                out.print("> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                if (!json) {
                    out.println();
                }
                return failures;
            }
            line = line.strip();
            if (line.equalsIgnoreCase("exit") || line.equalsIgnoreCase("quit")) {
                if (!json && !interactive()) {
                    out.println(line);
                }
                return failures;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (!json && !interactive()) {
                out.println(line); // piped input is not echoed by a terminal: show what was asked
            }
            failures += run(requests.apply(line)) ? 0 : 1;
            if (!json) {
                out.println();
            }
        }
    }

    /** Whether standard input is a terminal (on Java 22+ a console exists even when input is piped). */
    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console exists only for a terminal
        }
    }

    /** Runs one prompt to its end; true when a device returned a completed result. */
    boolean run(PromptRequest request) {
        String taskId = orchestrator.call(o -> o.submit(request)).join();
        MeshEvent end = outcomes.outcome(taskId).join();
        if (json) {
            out.println(toJson(end));
            out.flush();
        }
        return end instanceof MeshEvent.TaskCompleted c && c.status().equals("completed");
    }

    private String toJson(MeshEvent end) {
        ObjectNode node = JSON.createObjectNode();
        MeshEvent.Timing timing;
        switch (end) {
            case MeshEvent.TaskCompleted c -> {
                node.put("task_id", c.taskId()).put("status", c.status()).put("device_id", c.device())
                        .put("output", c.output());
                timing = c.timing();
            }
            case MeshEvent.TaskFailed f -> {
                node.put("task_id", f.taskId()).put("status", "failed").putNull("device_id").put("error", f.reason());
                timing = f.timing();
            }
            default -> throw new IllegalStateException("not an end of a task: " + end);
        }
        MeshEvent.AuctionClosed auction = closed.remove(node.get("task_id").asText());
        if (auction != null) {
            node.put("strategy", auction.strategy()).put("rule", auction.selection().rule())
                    .put("reason", auction.selection().reason());
            var bids = node.putArray("bids");
            auction.bids().forEach(b -> {
                ObjectNode bid = bids.addObject().put("device_id", b.deviceId()).put("has_npu", b.hasNpu());
                if (b.cpuLoad().isPresent()) bid.put("cpu_load", b.cpuLoad().getAsDouble()); else bid.putNull("cpu_load");
                if (b.ramLoad().isPresent()) bid.put("ram_load", b.ramLoad().getAsDouble()); else bid.putNull("ram_load");
                if (b.battery().isPresent()) bid.put("battery", b.battery().getAsInt()); else bid.putNull("battery");
            });
        }
        ObjectNode ms = node.putObject("timing_ms");
        ms.put("bidding", timing.bidding() / 1e6).put("selection", timing.selection() / 1e6)
                .put("execution", timing.execution() / 1e6).put("total", timing.total() / 1e6);
        return node.toString();
    }

    @Override
    public void close() throws Exception {
        closedSubscription.close();
        outcomes.close();
    }
}
