package io.meshbench.report;

/**
 * What one device did in a run. Battery values are percent, {@code -1} when the device never
 * reported one.
 *
 * @param bids      bids it made that counted
 * @param missed    auctions that closed without its bid
 * @param wins      auctions whose strategy ranked it first
 * @param assigned  tasks sent to it (a winner that cannot be reached passes its task on)
 * @param completed tasks it completed
 * @param npuTasks  of those, how many ran on its NPU
 * @param failedRuns runs it reported as failed
 * @param busy      nanoseconds it spent running tasks, by its own measure
 * @param stops     times it stopped (crashed or left) while the run went on; stopping with the
 *                  rest of the mesh at the end is not counted
 */
public record DeviceStats(String device, int bids, int missed, int wins, int assigned, int completed, int npuTasks,
                          int failedRuns, long busy, int firstBattery, int lastBattery, int minBattery, int stops) {
}
