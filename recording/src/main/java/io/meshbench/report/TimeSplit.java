package io.meshbench.report;

/**
 * Where the time of a completed task went, on average, in milliseconds: bidding, the strategy's
 * selection, the device's own run, and the transfer (both network trips and any queueing).
 */
public record TimeSplit(double bidding, double selection, double deviceExecution, double transfer) {

    public double total() {
        return bidding + selection + deviceExecution + transfer;
    }
}
