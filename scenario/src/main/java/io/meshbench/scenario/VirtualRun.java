package io.meshbench.scenario;

import io.meshbench.report.RunStats;
import io.meshbench.sim.VirtualMesh;

import java.time.Duration;
import java.util.List;

/**
 * A virtual-time scenario run that its caller advances: {@link ScenarioRunner#run} drives it to the
 * end at once, the window paces it against the wall clock. Prompts arrive until {@link #endNanos()};
 * after that the run is {@link #finished()} once no task is in flight, or at {@link #limitNanos()}
 * (the bid and result timeouts past the end) at the latest. Single-threaded, like the mesh under it:
 * one thread advances it.
 */
public final class VirtualRun implements AutoCloseable {

    private final Scenario scenario;
    private final ScenarioRunner.Options options;
    private final MeshPlan plan;
    private final VirtualMesh mesh;
    private final RunStats tally;
    private final AutoCloseable subscription;
    private final long wallStart;
    private final long heapAfterSetup;

    VirtualRun(Scenario scenario, ScenarioRunner.Options options, MeshPlan plan, VirtualMesh mesh, RunStats tally,
               AutoCloseable subscription, long wallStart, long heapAfterSetup) {
        this.scenario = scenario;
        this.options = options;
        this.plan = plan;
        this.mesh = mesh;
        this.tally = tally;
        this.subscription = subscription;
        this.wallStart = wallStart;
        this.heapAfterSetup = heapAfterSetup;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Virtual time now, in nanoseconds from the start of the run. */
    public long nowNanos() {
        return mesh.now();
    }

    /** When prompts stop arriving. */
    public long endNanos() {
        return scenario.duration().toNanos();
    }

    /** The latest the run can end: the end, the bid and result timeouts, and a second. */
    public long limitNanos() {
        return endNanos() + scenario.orchestrator().bidTimeout().toNanos()
                + scenario.orchestrator().resultTimeout().toNanos() + Duration.ofSeconds(1).toNanos();
    }

    /** Runs every action due up to {@code nanos} (never past {@link #limitNanos()}). */
    public void advanceTo(long nanos) {
        mesh.runUntil(Math.min(nanos, limitNanos()));
    }

    /** Prompts have stopped and no task is in flight, or the limit is reached. */
    public boolean finished() {
        return mesh.now() >= endNanos() && (tally.unfinished() == 0 || mesh.now() >= limitNanos());
    }

    /** The tally so far. */
    public RunStats tally() {
        return tally;
    }

    /** Discrete actions run so far. */
    public long actions() {
        return mesh.processed();
    }

    /** The orchestrators' ids, one per mesh of the scenario. */
    public List<String> orchestratorIds() {
        return plan.meshes().stream().map(MeshPlan.PlannedMesh::orchestratorId).toList();
    }

    /** Every node, mesh by mesh: the orchestrator first, then its phones in peer-list order. */
    public List<PlannedDevice> nodes() {
        return ScenarioLayout.devices(plan);
    }

    /** How the run went, so far or at the end. */
    public RunOutcome outcome() {
        return new RunOutcome(scenario, options.seed(), options.strategy(), tally,
                ExpectationResult.check(scenario.expectations(), tally), plan.deviceCount(), plan.meshes().size(),
                mesh.now(), System.nanoTime() - wallStart, mesh.processed(), heapAfterSetup);
    }

    /** Stops counting the bus's events. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // an EventBus subscription closes without failing
        }
    }
}
