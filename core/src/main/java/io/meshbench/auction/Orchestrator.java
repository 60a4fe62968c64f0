package io.meshbench.auction;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.protocol.BidRequest;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.Message;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;
import io.meshbench.schedule.QueueSettings;
import io.meshbench.schedule.Workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The orchestrator of the original design, as a state machine that does no I/O. Per prompt it makes
 * a unique task id, broadcasts {@code BID_REQUEST} to every peer, collects bids until every peer has
 * answered or the bid timeout has passed, lets the strategy choose, sends {@code TASK} to the winner
 * (falling back to the next in the ranking when the winner cannot be reached) and waits for its
 * {@code RESULT}. Any number of tasks may be in flight; each ends in exactly one
 * {@link MeshEvent.TaskCompleted} or {@link MeshEvent.TaskFailed}. When no bidder can take a task it
 * waits in the {@link Backlog} (by priority, with aging) and asks again when a device has room; a
 * task whose request has a deadline ends when it passes.
 */
public final class Orchestrator implements ProtocolHandler {

    /**
     * How long to wait: for bids (the seed's 10 s) and for a result (the seed's 300 s); and how many
     * peers to ask per auction ({@code fanout}, chosen at random; 0 asks every peer, as the seed does).
     */
    public record Settings(Duration bidTimeout, Duration resultTimeout, int fanout) {
        public static final Settings SEED = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(300));

        public Settings {
            if (bidTimeout.isNegative() || resultTimeout.isNegative() || resultTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: bid " + bidTimeout + ", result "
                        + resultTimeout);
            }
            if (fanout < 0) {
                throw new IllegalArgumentException("fanout must be 0 (every peer) or more, got " + fanout);
            }
        }

        public Settings(Duration bidTimeout, Duration resultTimeout) {
            this(bidTimeout, resultTimeout, 0);
        }
    }

    private static final int REMEMBERED_TASKS = 4096;

    private final Settings settings;
    private SelectionStrategy strategy;
    private final Map<String, Auction> inFlight = new LinkedHashMap<>();
    /** Ids of tasks that ended lately, so that a late result is told apart from a stray one. */
    private final Set<String> ended = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_TASKS;
        }
    });
    private MeshContext ctx;
    private long sequence;
    /** Outstanding work per device and the run-time forecast, for strategies (follows our events). */
    private final Workload workload = new Workload();
    private final Backlog backlog = new Backlog(new Backlog.Host() {
        @Override
        public MeshContext context() {
            return ctx;
        }

        @Override
        public Duration resultTimeout() {
            return settings.resultTimeout();
        }

        @Override
        public boolean inFlight(Auction auction) {
            return inFlight.get(auction.taskId) == auction;
        }

        @Override
        public void fail(Auction auction, String reason) {
            Orchestrator.this.fail(auction, reason);
        }

        @Override
        public void askAgain(Auction auction) {
            auction.reopen(chooseBidders(ctx.peers()));
            openBidding(auction, List.copyOf(auction.awaited));
        }
    });

    public Orchestrator(Settings settings, SelectionStrategy strategy) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    public String role() {
        return "orchestrator";
    }

    @Override
    public void start(MeshContext context) {
        this.ctx = workload.watch(context);
    }

    /** Changes how tasks wait when no device can take them; call before the first prompt. */
    public void setQueueSettings(QueueSettings settings) {
        backlog.setSettings(settings);
    }

    /** Tasks waiting in the queue for a device. */
    public int queueLength() {
        return backlog.size();
    }

    /** The work this orchestrator has handed out and its forecast of each device (seed it from history before the first prompt). */
    public Workload workload() {
        return workload;
    }

    public SelectionStrategy strategy() {
        return strategy;
    }

    /**
     * Switches the strategy for every auction that closes from now on (the workbench's strategy
     * picker). Like every input, call it on the node's own thread ({@code LiveNode.call}).
     */
    public void setStrategy(SelectionStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    /** Tasks still bidding or running. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Starts an auction for {@code request} and returns its task id. */
    public String submit(PromptRequest request) {
        String taskId = "task_" + (++sequence) + "_" + hex8(ctx.random().nextInt());
        List<String> peers = chooseBidders(ctx.peers());
        Auction auction = new Auction(taskId, request, ctx.now(), peers);
        inFlight.put(taskId, auction);
        backlog.watchDeadline(auction, auction::winner);
        ctx.emit(new MeshEvent.AuctionOpened(ctx.now(), ctx.self(), taskId, request.prompt(), peers,
                settings.bidTimeout().toNanos()));
        openBidding(auction, peers);
        return taskId;
    }

    /**
     * Broadcasts the bid request of {@code auction} to {@code peers}: at once, and again for a task back
     * from the queue (announced by its {@link MeshEvent.TaskDequeued}: one task, one {@code AuctionOpened}).
     */
    private void openBidding(Auction auction, List<String> peers) {
        String taskId = auction.taskId;
        PromptRequest request = auction.request;
        if (peers.isEmpty()) {
            fail(auction, "no peers to ask for bids: the peer list is empty");
            return;
        }
        int deadlineSeconds = (int) Math.ceil(settings.bidTimeout().toMillis() / 1000.0);
        BidRequest bidRequest = new BidRequest(ctx.self(), taskId, BidRequest.SLM_INFERENCE, request.prompt(),
                deadlineSeconds);
        auction.timer = ctx.schedule(settings.bidTimeout(), () -> closeBidding(auction, "deadline"));
        for (String peer : peers) {
            ctx.send(peer, bidRequest);
        }
    }

    /** Every peer, or {@code fanout} of them picked at random (in peer-list order). */
    private List<String> chooseBidders(List<String> peers) {
        int fanout = settings.fanout();
        if (fanout == 0 || fanout >= peers.size()) {
            return peers;
        }
        // Floyd's sampling: k distinct indices in O(k log k), however long the peer list.
        TreeSet<Integer> chosen = new TreeSet<>();
        for (int j = peers.size() - fanout; j < peers.size(); j++) {
            int t = ctx.random().nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        List<String> bidders = new ArrayList<>(fanout);
        for (int i : chosen) {
            bidders.add(peers.get(i));
        }
        return bidders;
    }

    @Override
    public void onMessage(Message message) {
        switch (message) {
            case BidResponse bid -> onBid(bid);
            case TaskResult result -> onResult(result);
            case BidRequest m -> unexpected(m);
            case TaskRequest m -> unexpected(m);
        }
    }

    @Override
    public void onDeliveryFailed(String peer, Message message, String reason) {
        Auction auction = message.taskId() == null ? null : inFlight.get(message.taskId());
        if (auction == null) {
            return;
        }
        if (message instanceof BidRequest && auction.state == Auction.State.BIDDING) {
            // A peer that cannot be reached will not bid: stop waiting for it.
            auction.giveUpOn(peer);
            if (!auction.bids.isEmpty() && auction.everyoneAnswered()) {
                closeBidding(auction, "all-bids");
            } else if (auction.awaited.isEmpty()) {
                closeBidding(auction, "unreachable");
            }
        } else if (message instanceof TaskRequest && auction.state == Auction.State.ASSIGNED
                && peer.equals(auction.winner())) {
            auction.cancelTimer();
            if (auction.winnerIndex + 1 < auction.selection.ranking().size()) {
                auction.winnerIndex++;
                assign(auction);
            } else {
                fail(auction, "TASK could not be delivered to " + peer + " (" + reason
                        + ") and no other bidder is left");
            }
        }
    }

    private void onBid(BidResponse response) {
        String device = response.sender();
        if (!ctx.isPeer(device)) {
            ctx.emit(new MeshEvent.BidIgnored(ctx.now(), ctx.self(), response.taskId(), device,
                    "bid from " + device + ", which is not in the peer list; add it to the peers file to take its bids"));
            return;
        }
        Auction auction = response.taskId() != null ? inFlight.get(response.taskId()) : oldestAwaiting(device);
        if (auction == null) {
            String reason = response.taskId() == null
                    ? "bid from " + device + " names no task and no open auction awaits its bid"
                    : ended.contains(response.taskId())
                    ? "late bid from " + device + ": the auction for " + response.taskId() + " has closed"
                    : "bid from " + device + " for " + response.taskId() + ", a task this orchestrator does not know";
            ctx.emit(new MeshEvent.BidIgnored(ctx.now(), ctx.self(), response.taskId(), device, reason));
            return;
        }
        if (auction.state != Auction.State.BIDDING) {
            ctx.emit(new MeshEvent.BidIgnored(ctx.now(), ctx.self(), auction.taskId, device,
                    "late bid from " + device + ": the auction for " + auction.taskId + " has closed"));
            return;
        }
        if (auction.bids.containsKey(device)) {
            ctx.emit(new MeshEvent.BidIgnored(ctx.now(), ctx.self(), auction.taskId, device,
                    "second bid from " + device + " for " + auction.taskId + "; the first one counts"));
            return;
        }
        Bid bid = response.toBid();
        auction.addBid(bid);
        if (!response.available()) {
            auction.full.add(device);
        }
        ctx.emit(new MeshEvent.BidAccepted(ctx.now(), ctx.self(), auction.taskId, bid));
        if (auction.everyoneAnswered()) {
            closeBidding(auction, "all-bids");
        }
    }

    private Auction oldestAwaiting(String device) {
        for (Auction auction : inFlight.values()) {
            if (auction.state == Auction.State.BIDDING && auction.awaited.contains(device)
                    && !auction.bids.containsKey(device)) {
                return auction;
            }
        }
        return null;
    }

    private void closeBidding(Auction auction, String closedBy) {
        if (auction.state != Auction.State.BIDDING || !inFlight.containsKey(auction.taskId)) {
            return;
        }
        auction.cancelTimer();
        auction.closedAt = ctx.now();
        if (auction.bids.isEmpty()) {
            fail(auction, "unreachable".equals(closedBy)
                    ? "no peer could be reached for bids"
                    : "no bids within " + seconds(settings.bidTimeout()) + " from " + auction.awaited.size()
                    + (auction.awaited.size() == 1 ? " peer" : " peers") + " (" + String.join(", ", auction.awaited) + ")");
            return;
        }
        List<Bid> bids = auction.bidsInPeerOrder();
        if (bids.isEmpty()) {
            String reason = "every bidder is full (" + String.join(", ", auction.full) + " run as many tasks as they take)";
            if (!backlog.offer(auction, reason)) {
                fail(auction, backlog.whyNotQueued(reason));
            }
            return;
        }
        Selection selection;
        try {
            selection = strategy.select(bids, workload.info(auction.taskId));
            String invalid = invalidSelection(selection, bids);
            if (invalid != null) {
                fail(auction, "strategy " + strategy.name() + " " + invalid);
                return;
            }
        } catch (RuntimeException e) {
            fail(auction, "strategy " + strategy.name() + " failed: " + e);
            return;
        }
        auction.selection = selection;
        auction.selectedAt = ctx.now();
        auction.state = Auction.State.ASSIGNED;
        ctx.emit(new MeshEvent.AuctionClosed(ctx.now(), ctx.self(), auction.taskId, strategy.name(), strategy.title(),
                bids, selection, closedBy, auction.missing()));
        assign(auction);
    }

    private static String invalidSelection(Selection selection, List<Bid> bids) {
        return selection == null ? "returned no selection" : selection.problemWith(bids);
    }

    private void assign(Auction auction) {
        Bid winner = auction.selection.ranking().get(auction.winnerIndex);
        boolean useNpu = winner.hasNpu();
        String prompt = useNpu ? auction.request.npuPrompt() : auction.request.cpuPrompt();
        String promptType = useNpu ? TaskRequest.NPU_PROMPT : TaskRequest.CPU_PROMPT;
        auction.timer = ctx.schedule(settings.resultTimeout(), () -> {
            if (inFlight.get(auction.taskId) == auction) {
                fail(auction, "no RESULT from " + auction.winner() + " within " + seconds(settings.resultTimeout()));
            }
        });
        ctx.emit(new MeshEvent.TaskAssigned(ctx.now(), ctx.self(), auction.taskId, winner.deviceId(), useNpu,
                promptType, prompt));
        ctx.send(winner.deviceId(), new TaskRequest(ctx.self(), auction.taskId, prompt, useNpu, promptType));
    }

    private void onResult(TaskResult result) {
        Auction auction = inFlight.get(result.taskId());
        String device = result.sender();
        if (auction == null) {
            ctx.emit(new MeshEvent.ResultIgnored(ctx.now(), ctx.self(), result.taskId(), device,
                    ended.contains(result.taskId())
                            ? "RESULT from " + device + " for " + result.taskId() + ", which has already ended"
                            : "RESULT from " + device + " for " + result.taskId() + ", a task this orchestrator does not know"));
            return;
        }
        if (auction.state != Auction.State.ASSIGNED || !device.equals(auction.winner())) {
            ctx.emit(new MeshEvent.ResultIgnored(ctx.now(), ctx.self(), result.taskId(), device,
                    "RESULT from " + device + " for " + result.taskId() + ", but the task "
                            + (auction.winner() == null ? "is still bidding" : "went to " + auction.winner())));
            return;
        }
        if (result.refusedAsBusy() && auction.winnerIndex + 1 < auction.selection.ranking().size()) {
            // The winner filled up between its bid and the task: the next bidder gets it.
            auction.cancelTimer();
            ctx.emit(new MeshEvent.ResultIgnored(ctx.now(), ctx.self(), result.taskId(), device,
                    device + " refused " + result.taskId() + " (" + result.output() + "); trying the next bidder"));
            auction.winnerIndex++;
            assign(auction);
            return;
        }
        auction.cancelTimer();
        if (result.refusedAsBusy() && backlog.offer(auction, "every bidder it was offered to was busy (last " + device
                + ": " + result.output() + ")")) {
            return; // it waits for a device with room
        }
        end(auction);
        ctx.emit(new MeshEvent.TaskCompleted(ctx.now(), ctx.self(), auction.taskId, device, result.status(),
                result.output(), auction.timing(ctx.now())));
    }

    private void unexpected(Message message) {
        ctx.emit(new MeshEvent.InputRejected(ctx.now(), ctx.self(), message.sender(),
                message.type() + " from " + message.sender() + " reached the orchestrator, which only takes "
                        + "BID_RESPONSE and RESULT; is the peers file pointing at the right port?", message.taskId()));
    }

    private void fail(Auction auction, String reason) {
        auction.cancelTimer();
        end(auction);
        ctx.emit(new MeshEvent.TaskFailed(ctx.now(), ctx.self(), auction.taskId, reason, auction.timing(ctx.now())));
    }

    private void end(Auction auction) {
        inFlight.remove(auction.taskId);
        ended.add(auction.taskId);
        backlog.ended(auction);
    }

    private static String hex8(int value) {
        String hex = Integer.toHexString(value);
        return "00000000".substring(hex.length()) + hex;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
    }

    @Override
    public void stop() {
        for (Auction auction : List.copyOf(inFlight.values())) {
            fail(auction, "the orchestrator stopped");
        }
        backlog.stop();
    }
}
