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

/** The orchestrator's state of one task, from its bid request to its end. */
final class Auction {

    enum State { BIDDING, QUEUED, ASSIGNED }

    final String taskId;
    final PromptRequest request;
    final long openedAt;
    final Set<String> awaited = new LinkedHashSet<>();
    final Map<String, Bid> bids = new LinkedHashMap<>();
    /** Bidders that said they are full: they answered, but are not to be chosen. */
    final Set<String> full = new LinkedHashSet<>();
    /** Peers given up on because the bid request could not reach them. */
    final Set<String> unreachable = new LinkedHashSet<>();
    State state = State.BIDDING;
    Cancellable timer;
    /** Ends the task when its request's deadline passes; null without one. */
    Cancellable deadlineTimer;
    /** When it first waited in the queue; -1 while it never has. */
    long queuedSince = -1;
    long closedAt = -1;
    long selectedAt = -1;
    Selection selection;
    int winnerIndex;

    Auction(String taskId, PromptRequest request, long openedAt, List<String> peers) {
        this.taskId = taskId;
        this.request = request;
        this.openedAt = openedAt;
        this.awaited.addAll(peers);
    }

    /** Bids taken from awaited peers: counted, so that a bid costs O(1) however large the mesh. */
    private int awaitedAnswers;

    /** A task back from the queue: a new round of bids from {@code peers}; its first time is kept. */
    void reopen(List<String> peers) {
        awaited.clear();
        awaited.addAll(peers);
        bids.clear();
        full.clear();
        unreachable.clear();
        awaitedAnswers = 0;
        closedAt = -1;
        selectedAt = -1;
        selection = null;
        winnerIndex = 0;
        state = State.BIDDING;
    }

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
    }

    Timing timing(long now) {
        return new Timing(
                closedAt < 0 ? -1 : closedAt - openedAt,
                selectedAt < 0 ? -1 : selectedAt - closedAt,
                selectedAt < 0 ? -1 : now - selectedAt,
                now - openedAt);
    }
}
