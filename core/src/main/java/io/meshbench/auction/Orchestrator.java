package io.meshbench.auction;

import io.meshbench.event.ClosedBy;
import io.meshbench.event.FailureReason;
import io.meshbench.event.MeshEvent;
import io.meshbench.health.HealthMonitor;
import io.meshbench.health.LivenessSettings;
import io.meshbench.health.PeerHealth;
import io.meshbench.event.PeerState;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.protocol.BidRequest;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.Heartbeat;
import io.meshbench.protocol.HeartbeatAck;
import io.meshbench.protocol.Message;
import io.meshbench.protocol.TaskAck;
import io.meshbench.protocol.TaskCancel;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;
import io.meshbench.schedule.QueueSettings;
import io.meshbench.schedule.Workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * {@link MeshEvent.TaskCompleted} or {@link MeshEvent.TaskFailed}. When every bidder is full the task
 * waits in a {@link Backlog} (by priority, with aging) and asks again when a device has room; a task
 * whose request has a deadline ends when it passes.
 *
 * <p>With liveness on ({@link Settings#liveness()}), it also watches its peers through a
 * {@link HealthMonitor}, and a task survives the loss of its winner: every TASK is an attempt with a
 * number; a winner that goes down, restarts, refuses, fails retryably, does not acknowledge or misses
 * its deadline loses the attempt, and the {@link RetryPolicy} passes the task to the next bidder or a
 * fresh auction. An old winner gets a CANCEL (again when it comes back); its late RESULT is recorded
 * ({@link MeshEvent.LateResult}) but never delivered. Execution is at least once; delivery exactly once.
 */
public final class Orchestrator implements ProtocolHandler {

    /**
     * How long to wait: for bids (the seed's 10 s) and for a result (the seed's 300 s, the longest an
     * attempt may take); how many peers to ask per auction ({@code fanout}, chosen at random; 0 asks
     * every peer, as the seed does); how to watch peers ({@code liveness}, null: not at all, as the
     * seed); and what to do when an attempt fails ({@code retry}).
     */
    public record Settings(Duration bidTimeout, Duration resultTimeout, int fanout, LivenessSettings liveness,
                           RetryPolicy retry) {
        /** The original design: no heartbeats, no retries but to the next bidder when the winner refuses. */
        public static final Settings SEED = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(300));
        /** The seed's timeouts with liveness and failover on: what {@code meshbench} runs by default. */
        public static final Settings DEFAULT = SEED.withFailover(LivenessSettings.DEFAULT, RetryPolicy.DEFAULT);

        public Settings {
            if (bidTimeout.isNegative() || resultTimeout.isNegative() || resultTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: bid " + bidTimeout + ", result "
                        + resultTimeout);
            }
            if (fanout < 0) {
                throw new IllegalArgumentException("fanout must be 0 (every peer) or more, got " + fanout);
            }
            Objects.requireNonNull(retry, "retry");
        }

        public Settings(Duration bidTimeout, Duration resultTimeout, int fanout) {
            this(bidTimeout, resultTimeout, fanout, null, RetryPolicy.SEED);
        }

        public Settings(Duration bidTimeout, Duration resultTimeout) {
            this(bidTimeout, resultTimeout, 0);
        }

        /** These timeouts with heartbeats, a failure detector and retries. */
        public Settings withFailover(LivenessSettings liveness, RetryPolicy retry) {
            return new Settings(bidTimeout, resultTimeout, fanout, Objects.requireNonNull(liveness, "liveness"), retry);
        }
    }

    private static final int REMEMBERED_TASKS = 4096;

    private final Settings settings;
    private SelectionStrategy strategy;
    private final Map<String, Auction> inFlight = new LinkedHashMap<>();
    /** Ids of tasks that ended lately, so that a late result is told apart from a stray one. */
    private final EndedTasks ended = new EndedTasks(REMEMBERED_TASKS);
    private final AbandonedAttempts abandoned = new AbandonedAttempts();
    /**
     * Tasks whose current attempt runs on each device. A device's set stays when it empties, so that
     * a device running one task after another does not make a set per task.
     */
    private final Map<String, Set<Auction>> runningOn = new HashMap<>();
    private final ResultDeadlines deadlines;
    private HealthMonitor health;
    private MeshContext ctx;
    private long sequence;
    /** Outstanding work per device and the run-time forecast, for strategies (follows our events). */
    private final Workload workload = new Workload();
    /** Changes on every start: a monitor's heartbeats see an orchestrator that restarted. */
    private String incarnation;
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
            // Back from the queue: the devices that were busy before may have room now.
            auction.failedOn.clear();
            auction.reopen(chooseBidders(askable(ctx.peers())), ctx.now());
            openBidding(auction);
        }
    });

    public Orchestrator(Settings settings, SelectionStrategy strategy) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.deadlines = new ResultDeadlines(settings.resultTimeout());
    }

    @Override
    public String role() {
        return "orchestrator";
    }

    @Override
    public void start(MeshContext context) {
        this.ctx = workload.watch(context);
        this.incarnation = Long.toHexString(context.now()); // no draw from the random stream: task ids stay as they were
        if (settings.liveness() != null) {
            health = new HealthMonitor(settings.liveness(), this::peerChanged, this::runsSomething, false);
            health.start(this.ctx);
        }
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

    public Settings settings() {
        return settings;
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

    /** The health of every peer heard from, as of now; empty with liveness off. Call on the node's thread. */
    public List<PeerHealth.Snapshot> health() {
        return health == null ? List.of() : health.snapshot();
    }

    /** Starts an auction for {@code request} and returns its task id. */
    public String submit(PromptRequest request) {
        String taskId = "task_" + (++sequence) + "_" + hex8(ctx.random().nextInt());
        List<String> peers = chooseBidders(askable(ctx.peers()));
        Auction auction = new Auction(taskId, request, ctx.now(), peers);
        inFlight.put(taskId, auction);
        backlog.watchDeadline(auction, auction::winner);
        ctx.emit(new MeshEvent.AuctionOpened(ctx.now(), ctx.self(), taskId, request.prompt(), peers,
                settings.bidTimeout().toNanos()));
        openBidding(auction);
        return taskId;
    }

    /** The peers worth asking: all but those the detector holds down (heartbeats will tell when they are back). */
    private List<String> askable(List<String> peers) {
        if (health == null || health.peersIn(PeerState.DOWN).isEmpty()) {
            return peers;
        }
        List<String> up = new ArrayList<>(peers.size());
        for (String peer : peers) {
            if (!(health.state(peer) == PeerState.DOWN && health.watched(peer))) {
                up.add(peer);
            }
        }
        return up;
    }

    private void openBidding(Auction auction) {
        List<String> peers = List.copyOf(auction.awaited);
        if (peers.isEmpty()) {
            fail(auction, auction.rounds == 0 ? "no peers to ask for bids: the peer list is empty"
                    : "no peer left to ask for bids" + lastFailure(auction));
            return;
        }
        if (health != null) {
            for (String peer : peers) {
                if (!health.state(peer).usable()) {
                    auction.optional.add(peer);
                }
            }
            if (!auction.optional.isEmpty()) {
                auction.suspectTimer = ctx.schedule(settings.liveness().suspectBidWait(), () -> maybeClose(auction));
            }
        }
        int deadlineSeconds = (int) Math.ceil(settings.bidTimeout().toMillis() / 1000.0);
        BidRequest bidRequest = new BidRequest(ctx.self(), auction.taskId, BidRequest.SLM_INFERENCE,
                auction.request.prompt(), deadlineSeconds);
        auction.timer = ctx.schedule(settings.bidTimeout(), () -> closeBidding(auction, ClosedBy.DEADLINE));
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
        if (health != null && ctx.isPeer(message.sender())) {
            health.heard(message.sender());
            sendPendingCancels(message.sender());
        }
        switch (message) {
            case BidResponse bid -> onBid(bid);
            case TaskResult result -> onResult(result);
            case HeartbeatAck ack -> onHeartbeatAck(ack);
            case TaskAck ack -> onAck(ack);
            case BidRequest m -> unexpected(m);
            case TaskRequest m -> unexpected(m);
            case Heartbeat m -> ctx.send(m.sender(), new HeartbeatAck(ctx.self(), m.seq(), incarnation, inFlight.size()));
            case TaskCancel m -> unexpected(m);
        }
    }

    @Override
    public void onDeliveryFailed(String peer, Message message, String reason) {
        if (health != null && !(message instanceof TaskCancel)) {
            health.unreachable(peer, "unreachable: " + reason);
        }
        Auction auction = message.taskId() == null ? null : inFlight.get(message.taskId());
        if (auction == null) {
            return;
        }
        if (message instanceof BidRequest && auction.state == Auction.State.BIDDING) {
            // A peer that cannot be reached will not bid: stop waiting for it.
            auction.giveUpOn(peer);
            maybeClose(auction);
            if (auction.state == Auction.State.BIDDING && auction.awaited.isEmpty()) {
                closeBidding(auction, ClosedBy.UNREACHABLE);
            }
        } else if (message instanceof TaskRequest task && auction.state == Auction.State.ASSIGNED
                && peer.equals(auction.winner()) && (task.attempt() == 0 || task.attempt() == auction.attempt)) {
            attemptFailed(auction, FailureReason.UNDELIVERABLE, "TASK could not be delivered to " + peer + " ("
                    + reason + ")", null);
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
        maybeClose(auction);
    }

    /**
     * Closes bidding once every awaited peer answered, or once every peer but the suspect ones
     * answered (with at least one bid in hand) and the suspects had their short wait.
     */
    private void maybeClose(Auction auction) {
        if (auction.state != Auction.State.BIDDING || auction.closing) {
            return;
        }
        if (!auction.bids.isEmpty() && auction.everyoneAnswered()) {
            closeBidding(auction, ClosedBy.ALL_BIDS);
        } else if (health != null && !auction.optional.isEmpty() && !auction.bids.isEmpty()
                && auction.requiredAnswered()
                && ctx.now() - auction.roundOpenedAt >= settings.liveness().suspectBidWait().toNanos()) {
            closeBidding(auction, ClosedBy.SUSPECTS_SKIPPED);
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

    private void closeBidding(Auction auction, ClosedBy closedBy) {
        if (auction.state != Auction.State.BIDDING || auction.closing || !inFlight.containsKey(auction.taskId)) {
            return;
        }
        auction.closing = true;
        auction.cancelTimer();
        auction.closedAt = ctx.now();
        if (health != null) {
            // Silence in an auction is a missed heartbeat: next time, the auction does not wait for it.
            for (String peer : auction.awaited) {
                if (!auction.bids.containsKey(peer)) {
                    health.missed(peer, "did not bid for " + auction.taskId + " within "
                            + seconds(Duration.ofNanos(ctx.now() - auction.roundOpenedAt)));
                }
            }
        }
        if (auction.bids.isEmpty()) {
            fail(auction, closedBy == ClosedBy.UNREACHABLE
                    ? "no peer could be reached for bids" + lastFailure(auction)
                    : "no bids within " + seconds(settings.bidTimeout()) + " from " + auction.awaited.size()
                    + (auction.awaited.size() == 1 ? " peer" : " peers") + " (" + String.join(", ", auction.awaited) + ")"
                    + lastFailure(auction));
            return;
        }
        List<Bid> bids = auction.bidsInPeerOrder();
        if (bids.isEmpty()) {
            String reason = "every bidder is full (" + String.join(", ", auction.full) + " run as many tasks as they take)";
            if (!backlog.offer(auction, reason)) {
                fail(auction, backlog.whyNotQueued(reason) + lastFailure(auction));
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
        // In a fresh auction, devices that failed this task already go last.
        int first = firstUsable(auction, 0);
        auction.winnerIndex = first < 0 ? 0 : first;
        assign(auction);
    }

    private static String invalidSelection(Selection selection, List<Bid> bids) {
        return selection == null ? "returned no selection" : selection.problemWith(bids);
    }

    /** The index of the first bidder at or after {@code from} that may take the task now, or -1. */
    private int firstUsable(Auction auction, int from) {
        List<Bid> ranking = auction.selection.ranking();
        for (int i = from; i < ranking.size(); i++) {
            String device = ranking.get(i).deviceId();
            if (!auction.failedOn.contains(device) && (health == null || health.state(device).usable())) {
                return i;
            }
        }
        return -1;
    }

    private void assign(Auction auction) {
        Bid winner = auction.selection.ranking().get(auction.winnerIndex);
        String device = winner.deviceId();
        boolean useNpu = winner.hasNpu();
        String prompt = useNpu ? auction.request.npuPrompt() : auction.request.cpuPrompt();
        String promptType = useNpu ? TaskRequest.NPU_PROMPT : TaskRequest.CPU_PROMPT;
        auction.attempt++;
        auction.attemptDevices.add(device);
        auction.acked = false;
        auction.assignedAt = ctx.now();
        auction.state = Auction.State.ASSIGNED;
        runningOn.computeIfAbsent(device, d -> new LinkedHashSet<>()).add(auction);
        boolean speaksV1 = health != null && ctx.extensionLevel(device) >= 1;
        long deadline = speaksV1 ? settings.liveness().ackTimeout().toNanos()
                : health != null ? deadlines.beforeAck(device) : settings.resultTimeout().toNanos();
        int attempt = auction.attempt;
        auction.timer = ctx.schedule(Duration.ofNanos(deadline), () -> deadlinePassed(auction, attempt));
        ctx.emit(new MeshEvent.TaskAssigned(ctx.now(), ctx.self(), auction.taskId, device, useNpu, promptType, prompt));
        if (health != null) {
            ctx.emit(new MeshEvent.AttemptStarted(ctx.now(), ctx.self(), auction.taskId, attempt, device, deadline));
        }
        ctx.send(device, new TaskRequest(ctx.self(), auction.taskId, prompt, useNpu, promptType, speaksV1 ? attempt : 0));
    }

    private void deadlinePassed(Auction auction, int attempt) {
        if (inFlight.get(auction.taskId) != auction || auction.attempt != attempt
                || auction.state != Auction.State.ASSIGNED) {
            return;
        }
        String device = auction.winner();
        if (health == null) {
            fail(auction, "no RESULT from " + device + " within " + seconds(settings.resultTimeout()));
            return;
        }
        long waited = ctx.now() - auction.assignedAt;
        if (!auction.acked && ctx.extensionLevel(device) >= 1) {
            health.missed(device, "did not acknowledge TASK " + auction.taskId);
            attemptFailed(auction, FailureReason.NO_ACK, "no ACK from " + device + " within "
                    + seconds(Duration.ofNanos(waited)), null);
        } else {
            attemptFailed(auction, FailureReason.DEADLINE, "no RESULT from " + device + " within "
                    + seconds(Duration.ofNanos(waited)), null);
        }
    }

    private void onAck(TaskAck ack) {
        Auction auction = inFlight.get(ack.taskId());
        if (auction == null || auction.state != Auction.State.ASSIGNED || auction.attempt != ack.attempt()
                || !ack.sender().equals(auction.winner())) {
            return; // an ACK of an attempt given up on: its CANCEL is on the way
        }
        auction.acked = true;
        long expected = ack.expectedMs() * 1_000_000L;
        long deadline = deadlines.afterAck(ack.sender(), expected);
        long elapsed = ctx.now() - auction.assignedAt;
        auction.cancelTimer();
        int attempt = auction.attempt;
        auction.timer = ctx.schedule(Duration.ofNanos(Math.max(0, deadline - elapsed)), () -> deadlinePassed(auction, attempt));
        ctx.emit(new MeshEvent.TaskAcknowledged(ctx.now(), ctx.self(), ack.taskId(), ack.sender(), ack.attempt(),
                expected, deadline));
    }

    private void onHeartbeatAck(HeartbeatAck ack) {
        if (health == null || !ctx.isPeer(ack.sender())) {
            return;
        }
        if (health.onAck(ack)) {
            // The device restarted: whatever it ran for us is gone.
            for (Auction auction : List.copyOf(runningOn.getOrDefault(ack.sender(), Set.of()))) {
                if (auction.acked || ctx.now() - auction.assignedAt > settings.liveness().heartbeatInterval().toNanos()) {
                    attemptFailed(auction, FailureReason.PEER_RESTARTED, ack.sender() + " restarted (incarnation "
                            + ack.incarnation() + ") and lost attempt " + auction.attempt, null);
                }
            }
        }
    }

    private void peerChanged(String peer, PeerState from, PeerState to, String reason, PeerHealth.Snapshot snapshot) {
        ctx.emit(new MeshEvent.PeerStateChanged(ctx.now(), ctx.self(), peer, to, from, reason, snapshot.rttNanos(),
                snapshot.failures()));
        if (to == PeerState.DOWN) {
            for (Auction auction : List.copyOf(runningOn.getOrDefault(peer, Set.of()))) {
                attemptFailed(auction, FailureReason.PEER_DOWN, peer + " is down: " + reason, null);
            }
        }
        if (!to.usable()) {
            // Open auctions stop waiting for it: its bid still counts if it comes in time.
            for (Auction auction : List.copyOf(inFlight.values())) {
                if (auction.state == Auction.State.BIDDING && !auction.closing && auction.awaited.contains(peer)
                        && !auction.bids.containsKey(peer) && auction.optional.add(peer)) {
                    long left = settings.liveness().suspectBidWait().toNanos() - (ctx.now() - auction.roundOpenedAt);
                    if (left > 0 && auction.suspectTimer == null) {
                        auction.suspectTimer = ctx.schedule(Duration.ofNanos(left), () -> maybeClose(auction));
                    }
                    maybeClose(auction);
                }
            }
        }
    }

    private void onResult(TaskResult result) {
        Auction auction = inFlight.get(result.taskId());
        String device = result.sender();
        if (auction == null) {
            if (ended.contains(result.taskId()) && abandoned.forget(device, result.taskId()) != null) {
                ctx.emit(new MeshEvent.LateResult(ctx.now(), ctx.self(), result.taskId(), device, result.attempt(),
                        result.status(), result.output()));
                return;
            }
            ctx.emit(new MeshEvent.ResultIgnored(ctx.now(), ctx.self(), result.taskId(), device,
                    ended.contains(result.taskId())
                            ? "RESULT from " + device + " for " + result.taskId() + ", which has already ended"
                            : "RESULT from " + device + " for " + result.taskId() + ", a task this orchestrator does not know"));
            return;
        }
        boolean current = auction.state == Auction.State.ASSIGNED && device.equals(auction.winner())
                && (result.attempt() == 0 || result.attempt() == auction.attempt);
        if (!current) {
            Integer old = abandoned.forget(device, result.taskId());
            if (health != null && (old != null || auction.attemptDevices.contains(device))) {
                ctx.emit(new MeshEvent.LateResult(ctx.now(), ctx.self(), result.taskId(), device,
                        result.attempt() > 0 ? result.attempt() : old == null ? 0 : old, result.status(), result.output()));
                return;
            }
            ctx.emit(new MeshEvent.ResultIgnored(ctx.now(), ctx.self(), result.taskId(), device,
                    "RESULT from " + device + " for " + result.taskId() + ", but the task "
                            + (auction.winner() == null ? "is still bidding" : "went to " + auction.winner())));
            return;
        }
        if (!result.completed()) {
            FailureReason reason = classify(result);
            if (settings.retry().mayRetry(reason, auction.attempt) && hasNextStep(auction)) {
                ctx.emit(new MeshEvent.ResultIgnored(ctx.now(), ctx.self(), result.taskId(), device,
                        device + (reason == FailureReason.REFUSED ? " refused " : " failed ") + result.taskId() + " ("
                                + result.output() + "); trying again"));
                attemptFailed(auction, reason, device + " answered " + result.status() + ": " + result.output(), result);
                return;
            }
        }
        auction.cancelTimer();
        leaveDevice(auction);
        if (result.refusedAsBusy() && backlog.offer(auction, "every bidder it was offered to was busy (last " + device
                + ": " + result.output() + ")")) {
            return; // it waits for a device with room
        }
        if (health != null) {
            deadlines.completed(device, ctx.now() - auction.assignedAt);
        }
        end(auction);
        ctx.emit(new MeshEvent.TaskCompleted(ctx.now(), ctx.self(), auction.taskId, device, result.status(),
                result.output(), auction.timing(ctx.now())));
    }

    /** Why a device's failed RESULT failed. */
    private static FailureReason classify(TaskResult result) {
        if (result.refusedAsBusy()) {
            return FailureReason.REFUSED;
        }
        return result.output().startsWith("timed_out") ? FailureReason.DEVICE_TIMEOUT : FailureReason.DEVICE_FAILED;
    }

    /** Whether another attempt could start now or later: a usable bidder left, or a fresh auction allowed. */
    private boolean hasNextStep(Auction auction) {
        return settings.retry().freshAuctions() || nextBidder(auction) >= 0;
    }

    private int nextBidder(Auction auction) {
        return auction.selection == null ? -1 : firstUsable(auction, auction.winnerIndex + 1);
    }

    /**
     * The current attempt failed: the retry policy decides between the next bidder, a fresh auction
     * after a back-off, and the end of the task. {@code answer} is the device's failed RESULT, if it
     * sent one: when no retry follows, it is what the user gets.
     */
    private void attemptFailed(Auction auction, FailureReason reason, String detail, TaskResult answer) {
        if (inFlight.get(auction.taskId) != auction || auction.state != Auction.State.ASSIGNED) {
            return;
        }
        auction.cancelTimer();
        String device = auction.winner();
        int attempt = auction.attempt;
        leaveDevice(auction);
        auction.failedOn.add(device);
        auction.lastFailure = new Auction.FailureReasonNote(reason, detail);
        if (answer == null && health != null && ctx.extensionLevel(device) >= 1) {
            abandon(device, auction.taskId, attempt, reason);
        }
        String next;
        Duration wait = null;
        int index = settings.retry().mayRetry(reason, attempt) ? nextBidder(auction) : -1;
        if (index >= 0) {
            next = "next bidder " + auction.selection.ranking().get(index).deviceId();
        } else if (settings.retry().mayRetry(reason, attempt) && settings.retry().freshAuctions()) {
            wait = settings.retry().backoffBefore(auction.rounds + 1, ctx.random());
            next = "fresh auction in " + seconds(wait);
        } else {
            next = settings.retry().retryOn().contains(reason) && attempt >= settings.retry().maxAttempts()
                    ? "none: " + attempt + " attempts made, the retry budget" : "none";
        }
        ctx.emit(new MeshEvent.AttemptFailed(ctx.now(), ctx.self(), auction.taskId, device, attempt, reason, detail,
                next));
        if (index >= 0) {
            auction.winnerIndex = index;
            assign(auction);
        } else if (wait != null) {
            reauction(auction, wait);
        } else if (answer != null) {
            end(auction);
            ctx.emit(new MeshEvent.TaskCompleted(ctx.now(), ctx.self(), auction.taskId, device, answer.status(),
                    answer.output(), auction.timing(ctx.now())));
        } else if (health == null) {
            fail(auction, detail + " and no other bidder is left");
        } else {
            fail(auction, "gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts") + ": " + detail);
        }
    }

    private void reauction(Auction auction, Duration wait) {
        auction.rounds++;
        auction.state = Auction.State.BACKING_OFF;
        auction.timer = ctx.schedule(wait, () -> {
            if (inFlight.get(auction.taskId) != auction || auction.state != Auction.State.BACKING_OFF) {
                return;
            }
            List<String> peers = chooseBidders(askable(ctx.peers()));
            auction.reopen(peers, ctx.now());
            ctx.emit(new MeshEvent.AuctionReopened(ctx.now(), ctx.self(), auction.taskId, auction.attempt + 1, peers));
            openBidding(auction);
        });
    }

    private String lastFailure(Auction auction) {
        return auction.lastFailure == null ? "" : "; last attempt: " + auction.lastFailure.detail();
    }

    private void leaveDevice(Auction auction) {
        String device = auction.winner();
        if (device == null) {
            return;
        }
        Set<Auction> on = runningOn.get(device);
        if (on != null) {
            on.remove(auction); // an emptied set stays, for the device's next task
        }
    }

    /** Whether {@code device} runs a task of this orchestrator now. */
    private boolean runsSomething(String device) {
        Set<Auction> on = runningOn.get(device);
        return on != null && !on.isEmpty();
    }

    /** Tells {@code device} to stop an attempt given up on, now and, if it is unreachable, when it is heard from. */
    private void abandon(String device, String taskId, int attempt, FailureReason reason) {
        PeerState state = health.state(device);
        abandoned.add(device, taskId, attempt, !state.usable());
        if (state != PeerState.DOWN) {
            ctx.send(device, new TaskCancel(ctx.self(), taskId, attempt, reason.name().toLowerCase(Locale.ROOT)));
        }
    }

    private void sendPendingCancels(String device) {
        if (health.state(device) == PeerState.DOWN) {
            return;
        }
        for (Map.Entry<String, Integer> e : abandoned.takeToCancel(device).entrySet()) {
            ctx.send(device, new TaskCancel(ctx.self(), e.getKey(), e.getValue(), "attempt given up on"));
        }
    }

    private void unexpected(Message message) {
        ctx.emit(new MeshEvent.InputRejected(ctx.now(), ctx.self(), message.sender(),
                message.type() + " from " + message.sender() + " reached the orchestrator, which only takes "
                        + "BID_RESPONSE, RESULT, ACK, HEARTBEAT and HEARTBEAT_ACK; is the peers file pointing at the right port?",
                message.taskId() == null ? "" : message.taskId()));
    }

    private void fail(Auction auction, String reason) {
        auction.cancelTimer();
        leaveDevice(auction);
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
        if (health != null) {
            health.stop();
        }
        for (Auction auction : List.copyOf(inFlight.values())) {
            fail(auction, "the orchestrator stopped");
        }
        backlog.stop();
    }
}
