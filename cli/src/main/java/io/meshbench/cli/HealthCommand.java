package io.meshbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.event.EventBus;
import io.meshbench.health.HealthProbe;
import io.meshbench.health.LivenessSettings;
import io.meshbench.health.PeerHealth;
import io.meshbench.event.PeerState;
import io.meshbench.live.LiveNode;
import io.meshbench.net.PeerDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code meshbench health}: heartbeats every peer of a headless mesh and shows their health. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Heartbeats every peer of a peers file and shows each one's state (up, suspect, down, rejoined), "
                + "last answer, round trip, failures and time in each state: a live table, or JSON lines.")
final class HealthCommand implements Callable<Integer> {

    @Option(names = "--peers", paramLabel = "FILE", required = true,
            description = "Peers file: DEVICE_ID HOST PORT (or HOST:PORT) a line; it must list --id too, "
                    + "and the peers must know that id's address (they answer it there).")
    Path peers;

    @Option(names = "--id", defaultValue = "Monitor", description = "This monitor's device id (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--port", defaultValue = "-1", description = "Port to listen on for answers (default: the one the peers file gives --id).")
    int port;

    @Option(names = "--heartbeat", paramLabel = "MS", defaultValue = "500", description = "Heartbeat interval (default: ${DEFAULT-VALUE}).")
    long heartbeatMillis;

    @Option(names = "--for", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this long (default: run until interrupted).")
    double seconds;

    @Option(names = "--every", paramLabel = "SECONDS", defaultValue = "1", description = "Refresh the table this often (default: ${DEFAULT-VALUE}).")
    double every;

    @Option(names = "--json", description = "One JSON object a refresh, {\"time\": ..., \"peers\": [...]}, instead of the table.")
    boolean json;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        PeerDirectory directory = PeerDirectory.read(peers);
        int listen = port >= 0 ? port : directory.find(id).map(PeerDirectory.Peer::port).orElseThrow(() ->
                new IllegalArgumentException(peers + " does not list " + id + ": add a line \"" + id
                        + " HOST PORT\" with an address the peers can reach (and to their peer lists), or pass --id"));
        if (heartbeatMillis < 10 || !(every > 0) || !(seconds >= 0)) {
            throw new IllegalArgumentException("--heartbeat must be at least 10 ms, --every above 0 and --for 0 or more");
        }
        HealthProbe probe = new HealthProbe(LivenessSettings.DEFAULT.withHeartbeat(Duration.ofMillis(heartbeatMillis)));
        long end = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
        try (LiveNode<HealthProbe> node = new LiveNode<>(id, probe, directory, new EventBus(),
                LiveNode.Options.listen(listen).host(LiveNode.Options.EVERY_INTERFACE)
                        .connectTimeout(Duration.ofSeconds(2)).build()).start()) {
            while (System.nanoTime() < end) {
                long left = end - System.nanoTime();
                Thread.sleep(Math.max(1, Math.min((long) (every * 1000), TimeUnit.NANOSECONDS.toMillis(left))));
                List<PeerHealth.Snapshot> health = node.call(HealthProbe::snapshot).get(5, TimeUnit.SECONDS);
                long now = System.currentTimeMillis() * 1_000_000L;
                out.println(json ? json(now, health) : table(now, health));
                out.flush();
            }
        }
        return 0;
    }

    static String table(long now, List<PeerHealth.Snapshot> peers) {
        StringBuilder t = new StringBuilder("\033[H\033[2J"); // home and clear: a live table
        t.append(String.format(Locale.ROOT, "%-16s %-9s %9s %10s %9s %8s %6s %6s %6s %6s%n", "PEER", "STATE", "FOR",
                "LAST SEEN", "RTT", "FAILURES", "UP%", "SUSP%", "DOWN%", "REJ%"));
        for (PeerHealth.Snapshot p : peers) {
            long total = p.timeInState().values().stream().mapToLong(Long::longValue).sum();
            t.append(String.format(Locale.ROOT, "%-16s %-9s %8.1fs %9.1fs %9s %8d %6s %6s %6s %6s%n", p.peer(),
                    p.state().name().toLowerCase(Locale.ROOT), (now - p.since()) / 1e9, (now - p.lastHeard()) / 1e9,
                    p.rttNanos() < 0 ? "-" : String.format(Locale.ROOT, "%.1fms", p.rttNanos() / 1e6), p.failures(),
                    share(p, PeerState.UP, total), share(p, PeerState.SUSPECT, total), share(p, PeerState.DOWN, total),
                    share(p, PeerState.REJOINED, total)));
        }
        return t.toString();
    }

    private static String share(PeerHealth.Snapshot p, PeerState s, long total) {
        return total <= 0 ? "-" : String.format(Locale.ROOT, "%.0f", 100.0 * p.timeInState().get(s) / total);
    }

    static String json(long now, List<PeerHealth.Snapshot> peers) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("time", now);
        ArrayNode list = root.putArray("peers");
        for (PeerHealth.Snapshot p : peers) {
            ObjectNode n = list.addObject().put("peer", p.peer()).put("state", p.state().name().toLowerCase(Locale.ROOT))
                    .put("since", p.since()).put("last_heard", p.lastHeard()).put("rtt_ns", p.rttNanos())
                    .put("failures", p.failures()).put("phi", Math.min(p.phi(), 1e6)).put("incarnation", p.incarnation());
            ObjectNode times = n.putObject("time_in_state_ns");
            p.timeInState().forEach((state, ns) -> times.put(state.name().toLowerCase(Locale.ROOT), ns));
        }
        return root.toString();
    }
}
