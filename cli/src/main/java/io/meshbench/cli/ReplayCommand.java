package io.meshbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.record.RecordingReader;
import io.meshbench.replay.Redecision;
import io.meshbench.replay.StrategyReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code meshbench replay FILE --strategy NAME}: every recorded auction decided again by another strategy. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Without --strategy: opens the recording in the window, with a timeline (play, pause, step, speed, seek).",
                "With --strategy: decides every auction of the recording again, from its recorded bids, with another "
                        + "strategy, headless, and shows where the winner would have differed."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "A file written with --record.")
    Path recording;

    @Option(names = "--strategy", paramLabel = "NAME",
            description = "Decide every auction again with this strategy, e.g. lowest-cpu (headless); without it the window opens.")
    String strategy;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
            description = "In the window: recorded time per wall-clock time, 0.01 to 1000, or max (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--play", description = "In the window: start playing at once.")
    boolean play;

    @Option(names = "--all", description = "List every auction, not only those whose winner differs.")
    boolean all;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (strategy == null) {
            if (all || json) {
                throw new IllegalArgumentException("--all and --json go with --strategy NAME (the headless replay)");
            }
            return io.meshbench.cli.window.Windows.require("replay without --strategy").recording(recording, speed, play,
                    System.err);
        }
        SelectionStrategy chosen = PluginRegistry.fromClassPath().strategy(strategy);
        List<MeshEvent.AuctionClosed> auctions = new ArrayList<>();
        RecordingReader.Result read = RecordingReader.stream(recording, e -> {
            if (e instanceof MeshEvent.AuctionClosed c) {
                auctions.add(c);
            }
        });
        read.truncation().ifPresent(t -> System.err.println("meshbench: " + t));
        read.warnings().forEach(w -> System.err.println("meshbench: " + w));
        List<Redecision> again = StrategyReplay.replay(auctions, chosen);
        long differing = again.stream().filter(Redecision::differs).count();
        long origin = auctions.isEmpty() ? 0 : auctions.getFirst().time();
        if (json) {
            System.out.println(json(again, differing, origin));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%d of %d auctions in %s would have gone to another device with %s.%n",
                differing, again.size(), recording.getFileName(), chosen.name());
        List<Redecision> shown = again.stream().filter(r -> all || r.differs()).toList();
        if (!shown.isEmpty()) {
            String format = "%-22s %9s %5s  %-28s %s%n";
            System.out.println();
            System.out.printf(Locale.ROOT, format, "task", "at", "bids", "recorded winner", chosen.name() + " winner");
            for (Redecision r : shown) {
                System.out.printf(Locale.ROOT, format, r.taskId(), String.format(Locale.ROOT, "%.3f s", (r.time() - origin) / 1e9),
                        r.bidders().size(), r.recordedWinner() + " (" + r.recordedRule() + ")",
                        r.failed() ? "none: " + r.reason() : r.winner() + " (" + r.rule() + ")" + (r.differs() ? "" : " same"));
            }
        }
        return 0;
    }

    private String json(List<Redecision> again, long differing, long origin) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("recording", recording.toString()).put("strategy", strategy)
                .put("auctions", again.size()).put("differing", differing);
        ArrayNode list = root.putArray("redecisions");
        for (Redecision r : again) {
            if (!all && !r.differs()) {
                continue;
            }
            ObjectNode n = list.addObject().put("task_id", r.taskId()).put("orchestrator", r.orchestrator())
                    .put("at_s", (r.time() - origin) / 1e9).put("recorded_strategy", r.recordedStrategy())
                    .put("recorded_winner", r.recordedWinner()).put("recorded_rule", r.recordedRule())
                    .put("differs", r.differs()).put("failed", r.failed());
            if (r.failed()) {
                n.putNull("winner").put("error", r.reason());
            } else {
                n.put("winner", r.winner()).put("rule", r.rule()).put("reason", r.reason());
            }
            ArrayNode bidders = n.putArray("bidders");
            r.bidders().forEach(bidders::add);
        }
        return root.toString();
    }
}
