package io.meshbench.bench.scale;

/**
 * What the child JVM of one scale run measured, written by {@link ScaleScenarioMain} as JSON for the
 * suite that started it.
 *
 * @param scenario       the scenario's name
 * @param phones         phones in the run
 * @param meshes         meshes (orchestrators)
 * @param events         virtual-time events (discrete actions) the run processed
 * @param wallNanos      wall time from setting the mesh up to the last task ended (JVM start not included)
 * @param tasks          prompts asked
 * @param completed      tasks completed
 * @param failedTasks    tasks failed
 * @param unfinished     tasks neither completed nor failed at the end
 * @param passed         every expectation of the scenario held
 * @param expectations   each expectation as checked, {@code ✓ ...} or {@code ✗ ...}, {@code ; } between
 * @param heapBaseBytes  heap used after a full collection before the mesh was set up (the JVM, plugins, scenario)
 * @param heapEndBytes   heap used at the end after a full collection, with the whole mesh still held
 * @param heapPeakBytes  the sum of each heap pool's peak use (an upper bound of the heap's peak)
 * @param heapMaxBytes   the heap's limit (-Xmx, or the JVM's default)
 * @param peakRssBytes   the JVM's peak resident set ({@code VmHWM}), read by itself at the end; -1 when unknown
 * @param gc             the collectors' names
 * @param failure        why the run did not finish (null when it did)
 */
public record ScaleMeasurement(String scenario, int phones, int meshes, long events, long wallNanos, long tasks,
                               long completed, long failedTasks, long unfinished, boolean passed, String expectations,
                               long heapBaseBytes, long heapEndBytes, long heapPeakBytes, long heapMaxBytes, long peakRssBytes, String gc,
                               String failure) {

    static ScaleMeasurement failed(String scenario, String why) {
        return new ScaleMeasurement(scenario, 0, 0, 0, 0, 0, 0, 0, 0, false, "", -1, -1, -1,
                Runtime.getRuntime().maxMemory(), -1, "", why);
    }

    /** Events processed per second of wall time. */
    public double eventsPerSecond() {
        return wallNanos <= 0 ? Double.NaN : events / (wallNanos / 1e9);
    }

    /** Heap the mesh holds at the end per phone, in bytes: the heap at the end less the heap before setup. */
    public double heapPerPhone() {
        return phones <= 0 || heapEndBytes < 0 || heapBaseBytes < 0 ? Double.NaN
                : (double) Math.max(0, heapEndBytes - heapBaseBytes) / phones;
    }
}
