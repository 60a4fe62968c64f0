package io.meshbench.auction;

import io.meshbench.event.MeshEvent.Timing;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.PluginContext.Cancellable;
import io.meshbench.plugin.api.Selection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The orchestrator's state of one task, from its bid request to its end: the bidding round under
 * way (a retry may open a fresh one) and the attempts made so far.
 */
final class Auction {

    enum State { BIDDING, QUEUED, ASSIGNED, BACKING_OFF }

    final String taskId;
    final PromptRequest request;
    final long openedAt;
    final Set<String> awaited = new LinkedHashSet<>();
    /** Awaited peers that are suspect: their bids count, but the auction does not wait long for them. */
    final Set<String> optional = new LinkedHashSet<>();
    /** Devices whose attempts of this task failed: not chosen again in this task's later rounds. */
    final Set<String> failedOn = new LinkedHashSet<>();
    /** Device of each attempt, by attempt number (index 0 is attempt 1). */
    final List<String> attemptDevices = new ArrayList<>(2);
    final Map<String, Bid> bids = new LinkedHashMap<>();
    /** Bidders that said they are full: they answered, but are not to be chosen. */
    final Set<String> full = new LinkedHashSet<>();
    /** Peers given up on because the bid request could not reach them. */
    final Set<String> unreachable = new LinkedHashSet<>();
    State state = State.BIDDING;
    /** Bidding is being closed: what happens meanwhile (a peer turning suspect) must not close it again. */
    boolean closing;
    Cancellable timer;
    Cancellable suspectTimer;
    /** Ends the task when its request's deadline passes; null without one. */
    Cancellable deadlineTimer;
    /** When it first waited in the queue; -1 while it never has. */
    long queuedSince = -1;
    long closedAt = -1;
    long selectedAt = -1;
    long roundOpenedAt;
    Selection selection;
    int winnerIndex;
    /** The current attempt's number (0 before the first TASK), whether it was acknowledged, when it was sent. */
    int attempt;
    boolean acked;
    long assignedAt = -1;
    /** Fresh auctions opened after the first. */
    int rounds;
    FailureReasonNote lastFailure;

    /** The last failed attempt's reason, for the task's final failure message. */
    record FailureReasonNote(io.meshbench.event.FailureReason reason, String detail) {
    }

    Auction(String taskId, PromptRequest request, long openedAt, List<String> peers) {
        this.taskId = taskId;
        this.request = request;
        this.openedAt = openedAt;
        this.awaited.addAll(peers);
        this.roundOpenedAt = openedAt;
    }

    /**
     * Starts a fresh bidding round among {@code peers}, forgetting the last round's bids: after a failed
     * attempt, or for a task back from the queue. The task's first opening time is kept.
     */
    void reopen(List<String> peers, long now) {
        awaited.clear();
        optional.clear();
        bids.clear();
        full.clear();
        unreachable.clear();
        awaitedAnswers = 0;
        awaited.addAll(peers);
        selection = null;
        winnerIndex = 0;
        roundOpenedAt = now;
        closedAt = -1;
        selectedAt = -1;
        selection = null;
        winnerIndex = 0;
        state = State.BIDDING;
        closing = false;
    }

    /** The device of attempt {@code n}, or null. */
    String deviceOf(int n) {
        return n >= 1 && n <= attemptDevices.size() ? attemptDevices.get(n - 1) : null;
    }

    /** Bids taken from awaited peers: counted, so that a bid costs O(1) however large the mesh. */
    private int awaitedAnswers;

    void addBid(Bid bid) {
        bids.put(bid.deviceId(), bid);
        if (awaited.contains(bid.deviceId())) {
            awaitedAnswers++;
        }
    }

    /** Stops waiting for {@code peer}, which cannot be reached. */
    void giveUpOn(String peer) {
        if (awaited.remove(peer)) {
            if (bids.containsKey(peer)) {
                awaitedAnswers--;
            } else {
                unreachable.add(peer);
            }
        }
    }

    boolean everyoneAnswered() {
        return awaitedAnswers >= awaited.size();
    }

    /** Whether every awaited peer that is not suspect has answered. */
    boolean requiredAnswered() {
        if (optional.isEmpty()) {
            return everyoneAnswered();
        }
        for (String peer : awaited) {
            if (!optional.contains(peer) && !bids.containsKey(peer)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bids of devices that take a task, in the order of the peer list, whatever order they
     * arrived in, so that the strategy's input (and its tie-breaks) do not depend on network timing.
     */
    List<Bid> bidsInPeerOrder() {
        List<Bid> ordered = new ArrayList<>(bids.size());
        for (String peer : awaited) {
            Bid bid = bids.get(peer);
            if (bid != null && !full.contains(peer)) {
                ordered.add(bid);
            }
        }
        for (Bid bid : bids.values()) {
            if (!awaited.contains(bid.deviceId()) && !full.contains(bid.deviceId())) {
                ordered.add(bid);
            }
        }
        return ordered;
    }

    /** Peers asked for a bid that did not give one: silent, or unreachable. */
    List<String> missing() {
        List<String> missing = new ArrayList<>(unreachable);
        for (String peer : awaited) {
            if (!bids.containsKey(peer)) {
                missing.add(peer);
            }
        }
        return missing;
    }

    String winner() {
        return selection == null ? null : selection.ranking().get(winnerIndex).deviceId();
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (suspectTimer != null) {
            suspectTimer.cancel();
            suspectTimer = null;
        }
    }

    Timing timing(long now) {
        return new Timing(
                closedAt < 0 ? -1 : closedAt - openedAt,
                selectedAt < 0 ? -1 : selectedAt - closedAt,
                selectedAt < 0 ? -1 : now - selectedAt,
                now - openedAt);
    }
}
