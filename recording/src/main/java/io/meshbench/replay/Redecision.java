package io.meshbench.replay;

import java.util.List;

/**
 * One recorded auction decided again by another strategy.
 *
 * @param recordedStrategy the strategy that decided during the run
 * @param recordedWinner   the device it ranked first
 * @param winner           the device the other strategy ranks first; empty when it failed
 * @param rule             the other strategy's rule, or empty
 * @param reason           the other strategy's reason, or why it failed
 * @param bidders          the devices that bid, in the order the strategy saw them
 */
public record Redecision(String taskId, String orchestrator, long time, String recordedStrategy,
                         String recordedWinner, String recordedRule, String winner, String rule, String reason,
                         List<String> bidders, boolean failed) {

    public Redecision {
        bidders = List.copyOf(bidders);
    }

    /** Whether the other strategy would have picked another device (or could not pick one). */
    public boolean differs() {
        return failed || !recordedWinner.equals(winner);
    }
}
