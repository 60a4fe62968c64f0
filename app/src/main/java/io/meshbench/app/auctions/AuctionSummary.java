package io.meshbench.app.auctions;

/** One task of the auctions list, as shown. */
public record AuctionSummary(String taskId, String prompt, String state, String winner, String total, String output,
                             int bids) {
}
