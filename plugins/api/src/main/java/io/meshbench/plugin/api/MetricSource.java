package io.meshbench.plugin.api;

/**
 * Samples the load of one device. The host calls {@link #sample()} periodically on the node's own
 * thread and answers bids from the latest sample, so a sample must be quick (well under a
 * millisecond) and must not block.
 */
public interface MetricSource extends AutoCloseable {

    /** The current reading; values the source cannot know are left empty. */
    MetricSample sample();

    /**
     * Tells the source how many tasks now run on this device, so that a simulated source can move
     * its load with the work. Real sources measure instead and ignore it.
     */
    default void onTaskCountChanged(int runningTasks) {
    }

    @Override
    default void close() {
    }
}
