package io.meshbench.agent;

import io.meshbench.agent.testing.ShellAgent;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.ClosedBy;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.plugin.api.Bid;
import io.meshbench.testing.EventRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A soak run, by hand (its name keeps it out of the suite; about a minute per 1,000 auctions on two
 * cores): ten real shell agents (mksh + toybox nc, reading this machine's /proc) and the Java
 * orchestrator, auctions back to back as {@code RoundTripBenchmark.auction} with {@code mesh=shell,
 * peers=10} runs them (each ends at the winner's choice, its task still running), with a 2 s bid
 * timeout. Counts the auctions closed by the deadline instead of by all bids, and prints for each the
 * silent agent's log lines of that task and its handler's errors.
 * <pre>
 * scripts/test -pl agent -am -Dtest=ShellAgentBidSoak -Dsurefire.failIfNoSpecifiedTests=false -Dsoak.auctions=1000
 * </pre>
 * Before the handler's fix (tasks run detached; an interrupted wait for a line is waited again) it
 * counted 6 in 1,000; {@code ShellAgentKeptConnectionTest} performs the failing order on purpose.
 */
class ShellAgentBidSoak {

    @TempDir
    Path temp;

    @Test
    void everyAuctionOfTenShellAgentsClosesWithAllBids() throws Exception {
        AgentTools.require();
        int auctions = Integer.getInteger("soak.auctions", 1000);
        EventBus bus = new EventBus();
        EventRecorder events = new EventRecorder();
        bus.subscribe(events);
        PeerDirectory directory = new PeerDirectory();
        LiveNode<Orchestrator> orchestrator = new LiveNode<>("Orchestrator",
                new Orchestrator(new Orchestrator.Settings(Duration.ofSeconds(2), Duration.ofSeconds(300)),
                        PluginRegistry.fromClassPath().strategy("npu-first")), directory, bus,
                LiveNode.Options.loopback(0)).start();
        List<ShellAgent> agents = new ArrayList<>();
        try {
            StringBuilder peers = new StringBuilder("Orchestrator 127.0.0.1 " + orchestrator.port() + "\n");
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int port = ShellAgent.freePort();
                ports.add(port);
                peers.append("Device_").append(i).append(" 127.0.0.1 ").append(port).append('\n');
                directory.put(new PeerDirectory.Peer("Device_" + i, "127.0.0.1", port));
            }
            for (int i = 0; i < 10; i++) {
                agents.add(ShellAgent.start(temp.resolve("Device_" + i),
                        ShellAgent.Spec.of("Device_" + i, i % 2 == 0, -1).withSlm("printf done"), ports.get(i),
                        peers.toString()));
            }
            int byDeadline = 0;
            for (int k = 0; k < auctions; k++) {
                String task = orchestrator.call(o -> o.submit(PromptRequest.of("p"))).join();
                MeshEvent.AuctionClosed closed = events.await(MeshEvent.AuctionClosed.class,
                        e -> e.taskId().equals(task), Duration.ofSeconds(30));
                if (closed.closedBy() == ClosedBy.ALL_BIDS) {
                    continue;
                }
                byDeadline++;
                Set<String> bid = closed.bids().stream().map(Bid::deviceId).collect(Collectors.toSet());
                for (ShellAgent a : agents) {
                    if (!bid.contains(a.id())) {
                        System.out.println("auction " + task + " closed by " + closed.closedBy() + " without "
                                + a.id() + "; its log of that task:");
                        a.log().stream().filter(l -> l.contains(task)).forEach(l -> System.out.println("  " + l));
                        Path err = a.dir().resolve("run/handler.err");
                        if (Files.exists(err)) {
                            System.out.println("  handler.err: " + Files.readString(err, StandardCharsets.UTF_8).strip());
                        }
                    }
                }
            }
            System.out.println("shell agents, 10 peers: " + byDeadline + " of " + auctions
                    + " auctions closed by the deadline instead of by all bids");
            assertEquals(0, byDeadline, "auctions that waited out the bid timeout for a bid that never came");
        } finally {
            for (ShellAgent a : agents) {
                a.close();
            }
            orchestrator.close();
        }
    }
}
