package io.meshbench.event;

import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;

import java.util.List;

/**
 * Everything that happens in a mesh, as one stream: the console, the window, the recorder and the
 * tests all read it. Every event carries the time it happened (nanoseconds since the epoch, virtual
 * in a simulation) and the node that saw it.
 */
public sealed interface MeshEvent {

    /** When it happened, in nanoseconds since the epoch. */
    long time();

    /** The id of the node that saw it. */
    String node();

    /** A node started listening. */
    record NodeStarted(long time, String node, String role, String address) implements MeshEvent {
    }

    /** A node stopped. */
    record NodeStopped(long time, String node) implements MeshEvent {
    }

    /** A message left {@code node} for {@code peer}. */
    record MessageSent(long time, String node, String peer, String type, String taskId, String line)
            implements MeshEvent {
    }

    /** A message from {@code peer} reached {@code node}. */
    record MessageReceived(long time, String node, String peer, String type, String taskId, String line)
            implements MeshEvent {
    }

    /** Input that is not a valid message, or that arrived where the node cannot take it. */
    record InputRejected(long time, String node, String source, String reason, String excerpt)
            implements MeshEvent {
    }

    /** A message could not be delivered to {@code peer}. */
    record DeliveryFailed(long time, String node, String peer, String type, String taskId, String reason)
            implements MeshEvent {
    }

    /** The orchestrator broadcast a bid request. */
    record AuctionOpened(long time, String node, String taskId, String prompt, List<String> peers,
                         long deadlineNanos) implements MeshEvent {
        public AuctionOpened {
            peers = List.copyOf(peers);
        }
    }

    /** A bid counted in an auction. */
    record BidAccepted(long time, String node, String taskId, Bid bid) implements MeshEvent {
    }

    /** A bid that did not count, and why (late, duplicate, unknown sender, no open auction). */
    record BidIgnored(long time, String node, String taskId, String device, String reason) implements MeshEvent {
    }

    /**
     * Bidding ended and the strategy chose.
     *
     * @param closedBy   {@code all-bids} when every peer answered, {@code deadline} otherwise
     * @param missing    peers that did not bid
     */
    record AuctionClosed(long time, String node, String taskId, String strategy, String strategyTitle,
                         List<Bid> bids, Selection selection, String closedBy, List<String> missing)
            implements MeshEvent {
        public AuctionClosed {
            bids = List.copyOf(bids);
            missing = List.copyOf(missing);
        }
    }

    /** The orchestrator sent the task to a device. */
    record TaskAssigned(long time, String node, String taskId, String device, boolean useNpu, String promptType,
                        String prompt) implements MeshEvent {
    }

    /** A device started running a task. */
    record TaskStarted(long time, String node, String taskId, String orchestrator, boolean useNpu)
            implements MeshEvent {
    }

    /** A device finished running a task (successfully or not) and is returning the result. */
    record TaskExecuted(long time, String node, String taskId, io.meshbench.plugin.api.SlmResult.Status status,
                        String error, int promptTokens,
                        int generatedTokens, long elapsedNanos) implements MeshEvent {
    }

    /** A result that did not count, and why (unknown task, wrong device, already done). */
    record ResultIgnored(long time, String node, String taskId, String device, String reason)
            implements MeshEvent {
    }

    /**
     * The orchestrator received the result of a task. The time split follows one task from its
     * bid request to its result.
     */
    record TaskCompleted(long time, String node, String taskId, String device, String status, String output,
                         Timing timing) implements MeshEvent {
    }

    /** A task ended without a result: no bids, no reachable winner, or no result in time. */
    record TaskFailed(long time, String node, String taskId, String reason, Timing timing) implements MeshEvent {
    }

    /**
     * A task waits in the orchestrator's queue: no bidder could take it now.
     *
     * @param priority    {@code high}, {@code normal} or {@code low}
     * @param queueLength tasks waiting, this one included
     */
    record TaskQueued(long time, String node, String taskId, String priority, int queueLength, String reason)
            implements MeshEvent {
    }

    /**
     * A task left the queue to ask for bids again.
     *
     * @param waitedNanos how long it has waited since it was first queued
     * @param queueLength tasks still waiting
     */
    record TaskDequeued(long time, String node, String taskId, String priority, long waitedNanos, int queueLength)
            implements MeshEvent {
    }

    /** A device's metric source was sampled. Values are {@code -1} when unknown. */
    record MetricSampled(long time, String node, double cpuLoad, double ramLoad, int battery, int runningTasks)
            implements MeshEvent {
    }

    /** Something went wrong inside a node that is not the fault of a peer's input. */
    record NodeError(long time, String node, String reason) implements MeshEvent {
    }

    /**
     * Where a task's time went, in nanoseconds; a phase not reached is {@code -1}.
     *
     * @param bidding   from the bid request to the close of the auction
     * @param selection the strategy's decision
     * @param execution from the task sent to the result received: the device's run and both trips
     *                  (the device's own run time is in its {@link TaskExecuted})
     * @param total     from the bid request to the end
     */
    record Timing(long bidding, long selection, long execution, long total) {
        public static final Timing NONE = new Timing(-1, -1, -1, -1);

        /**
         * The part of {@code execution} that is not the device's own run: both trips and any queueing.
         * The one definition of the time split's last part, for the window, the reports and the terminal.
         *
         * @param deviceRun the device's run time from its {@link TaskExecuted}; -1 when not seen
         * @return nanoseconds, or -1 when either part is unknown
         */
        public long transfer(long deviceRun) {
            return execution >= 0 && deviceRun >= 0 ? Math.max(0, execution - deviceRun) : -1;
        }
    }
}
