package io.meshbench.scenario;

import io.meshbench.report.RunStats;
import java.util.List;

/**
 * How a scenario run went.
 *
 * @param scenario     the scenario
 * @param seed         the root seed used
 * @param strategy     the selection strategy used
 * @param tally        what it added up to
 * @param expectations each expectation, checked
 * @param devices      phones in the run
 * @param meshes       meshes (orchestrators) in the run
 * @param runNanos     how long the run lasted in its own time (virtual or wall)
 * @param wallNanos    how long it took on this machine
 * @param actions      discrete events processed (virtual mode), 0 live
 * @param heapBytes    heap the mesh held once set up, -1 when not measured
 */
public record RunOutcome(Scenario scenario, long seed, String strategy, RunStats tally, List<ExpectationResult> expectations,
                         int devices, int meshes, long runNanos, long wallNanos, long actions,
                         long heapBytes) {

    public boolean passed() {
        return expectations.stream().allMatch(ExpectationResult::passed);
    }
}
