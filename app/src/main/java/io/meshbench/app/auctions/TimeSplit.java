package io.meshbench.app.auctions;

import io.meshbench.event.MeshEvent;

import java.util.Locale;

/**
 * Where one task's time went, in nanoseconds (-1 when that phase was not reached): bidding (bid
 * request to close of bidding), selection (the strategy), execution (the device's own SLM run) and
 * return (the rest of the way from TASK sent to RESULT received: both trips and the queues).
 */
public record TimeSplit(long bidding, long selection, long execution, long returnTrip, long total) {

    /** @param deviceRun the winner's run time from its {@code TaskExecuted}, -1 when not seen */
    public static TimeSplit of(MeshEvent.Timing timing, long deviceRun) {
        long transfer = timing.transfer(deviceRun);
        return new TimeSplit(timing.bidding(), timing.selection(), transfer < 0 ? timing.execution() : deviceRun,
                transfer, timing.total());
    }

    public static String millis(long nanos) {
        return nanos < 0 ? "–" : nanos >= 10_000_000_000L ? String.format(Locale.ROOT, "%.1f s", nanos / 1e9)
                : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    @Override
    public String toString() {
        return "bidding " + millis(bidding) + " · selection " + millis(selection) + " · execution " + millis(execution)
                + " · return " + millis(returnTrip) + " · total " + millis(total);
    }
}
