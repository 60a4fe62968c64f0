package io.meshbench.cli;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The orchestrator's console of the original design, drawn from the event stream: the bid
 * broadcast, the {@code EVALUATING BIDS} block, the winner and its details, the task and the
 * result, and one clear line for everything that went wrong.
 */
final class ConsoleView implements Consumer<MeshEvent> {

    static final String RULE = "=".repeat(80);

    private final PrintStream out;
    private final String orchestrator;
    private final boolean wire;

    /**
     * @param orchestrator the node whose auctions to show; problems of every node are shown
     * @param wire         also show every message sent and received, as its wire line
     */
    ConsoleView(PrintStream out, String orchestrator, boolean wire) {
        this.out = out;
        this.orchestrator = orchestrator;
        this.wire = wire;
    }

    @Override
    public synchronized void accept(MeshEvent event) {
        boolean mine = event.node().equals(orchestrator);
        switch (event) {
            case MeshEvent.AuctionOpened e when mine -> out.printf("%n📡 Broadcasting BID_REQUEST for %s to %d %s "
                    + "(waiting up to %s for bids)%n", e.taskId(), e.peers().size(),
                    e.peers().size() == 1 ? "peer" : "peers", seconds(e.deadlineNanos()));
            case MeshEvent.BidAccepted e when mine -> out.printf("   ← BID_RESPONSE from %s%n", e.bid().deviceId());
            case MeshEvent.AuctionClosed e when mine -> evaluation(e);
            case MeshEvent.TaskAssigned e when mine -> out.printf("%n📤 TASK sent to %s (%s)%n⏳ Waiting for RESULT...%n",
                    e.device(), e.promptType());
            case MeshEvent.TaskCompleted e when mine -> result(e);
            case MeshEvent.TaskFailed e when mine -> out.printf("%n❌ Task %s failed: %s%n", e.taskId(), e.reason());
            case MeshEvent.BidIgnored e when mine -> out.printf("⚠️  Ignored: %s%n", e.reason());
            case MeshEvent.ResultIgnored e when mine -> out.printf("⚠️  Ignored: %s%n", e.reason());
            case MeshEvent.DeliveryFailed e -> out.printf("⚠️  [%s] %s to %s not delivered: %s%n", e.node(), e.type(),
                    e.peer(), e.reason());
            case MeshEvent.InputRejected e -> out.printf("⚠️  [%s] rejected input from %s: %s%s%n", e.node(), e.source(),
                    e.reason(), e.excerpt().isEmpty() ? "" : " — \"" + e.excerpt() + "\"");
            case MeshEvent.NodeError e -> out.printf("⚠️  [%s] %s%n", e.node(), e.reason());
            case MeshEvent.MessageSent e when wire -> out.printf("   [%s → %s] %s%n", e.node(), e.peer(), e.line());
            case MeshEvent.MessageReceived e when wire -> out.printf("   [%s ← %s] %s%n", e.node(), e.peer(), e.line());
            default -> {
            }
        }
        out.flush();
    }

    private void evaluation(MeshEvent.AuctionClosed e) {
        out.println();
        out.println(RULE);
        out.println("🎯 EVALUATING BIDS (" + e.strategyTitle() + ")");
        out.println(RULE);
        for (Bid bid : e.bids()) {
            out.println();
            out.println("Device: " + bid.deviceId());
            out.println("  NPU: " + (bid.hasNpu() ? "✓ YES" : "✗ NO"));
            out.println("  CPU Load: " + percent(bid));
            out.println("  Battery: " + battery(bid));
        }
        if (!e.missing().isEmpty()) {
            out.println();
            out.println("No bid from: " + String.join(", ", e.missing()) + " (closed at the deadline)");
        }
        Selection selection = e.selection();
        Bid winner = selection.winner();
        out.println();
        out.println("🏆 WINNER (" + selection.rule() + "): " + winner.deviceId());
        out.println("   Why: " + selection.reason());
        out.println();
        out.println("📊 Winner Details:");
        out.println("   Device: " + winner.deviceId());
        out.println("   Type: " + (winner.hasNpu() ? "NPU" : "CPU"));
        out.println("   CPU Load: " + percent(winner));
        out.println("   Battery: " + battery(winner));
        out.println(RULE);
    }

    private void result(MeshEvent.TaskCompleted e) {
        out.println();
        out.println(RULE);
        out.printf("✅ RESULT from %s (%s, status: %s, %s)%n", e.device(), e.taskId(), e.status(),
                timing(e.timing()));
        out.println(RULE);
        out.println(e.output());
        out.println(RULE);
    }

    static String percent(Bid bid) {
        return bid.cpuLoad().isPresent()
                ? String.format(Locale.ROOT, "%.2f%%", bid.cpuLoad().getAsDouble() * 100) : "unknown";
    }

    static String battery(Bid bid) {
        return bid.battery().isPresent() ? bid.battery().getAsInt() + "%" : "unknown";
    }

    static String timing(MeshEvent.Timing t) {
        return String.format(Locale.ROOT, "total %s: bidding %s, selection %s, execution and return %s",
                millis(t.total()), millis(t.bidding()), millis(t.selection()), millis(t.execution()));
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.3f s", s);
    }
}
