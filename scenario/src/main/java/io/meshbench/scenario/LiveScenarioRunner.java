package io.meshbench.scenario;

import io.meshbench.report.RunStats;
import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.live.LiveNode;
import io.meshbench.live.LocalMesh;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.plugin.api.Adjustable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

/**
 * Runs a scenario live: every mesh of the scenario as real nodes on loopback TCP in this process,
 * in wall-clock time, with the same workload and faults as the virtual runner. The network model's
 * latency and loss do not apply (loopback is what it is), and partitions cannot be made here: a
 * scenario with a partition fault is refused in live mode.
 */
public final class LiveScenarioRunner {

    private final Scenario scenario;
    private final PluginRegistry plugins;
    private final EventBus bus;
    private final ScenarioRunner.Options options;

    public LiveScenarioRunner(Scenario scenario, PluginRegistry plugins, EventBus bus, ScenarioRunner.Options options) {
        for (Scenario.Fault fault : scenario.faults()) {
            if (fault instanceof Scenario.Fault.Partition || fault instanceof Scenario.Fault.Heal) {
                throw new ScenarioException(scenario.name(), 0, 0, "faults",
                        "partition and heal need mode: virtual; a live mesh on loopback cannot be cut in two");
            }
        }
        this.scenario = scenario;
        this.plugins = plugins;
        this.bus = bus;
        this.options = options;
    }

    public RunOutcome run(DoubleConsumer progress) throws IOException, InterruptedException {
        long wallStart = System.nanoTime();
        RunStats tally = new RunStats();
        MeshPlan plan = MeshPlan.of(scenario);
        Orchestrator.Settings settings = new Orchestrator.Settings(scenario.orchestrator().bidTimeout(),
                scenario.orchestrator().resultTimeout(), scenario.orchestrator().fanout());
        List<LocalMesh> meshes = new ArrayList<>();
        ScheduledExecutorService timeline = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scenario-timeline");
            t.setDaemon(true);
            return t;
        });
        try (AutoCloseable subscription = bus.subscribe(tally)) {
            for (MeshPlan.PlannedMesh planned : plan.meshes()) {
                LocalMesh mesh = LocalMesh.start(bus, plugins, planned.devices(), planned.orchestratorId(),
                        new Orchestrator(settings, plugins.strategy(options.strategy())));
                meshes.add(mesh);
                drive(timeline, mesh.orchestrator());
            }
            for (Scenario.Fault fault : scenario.faults()) {
                timeline.schedule(() -> apply(meshes, fault), fault.at().toNanos(), TimeUnit.NANOSECONDS);
            }
            long end = scenario.duration().toNanos();
            long deadline = wallStart + end;
            while (System.nanoTime() < deadline) {
                Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                progress.accept(Math.min(1.0, (System.nanoTime() - wallStart) / (double) end));
            }
            timeline.shutdownNow();
            long drainLimit = System.nanoTime() + scenario.orchestrator().bidTimeout().toNanos()
                    + scenario.orchestrator().resultTimeout().toNanos();
            while (tally.unfinished() > 0 && System.nanoTime() < drainLimit) {
                Thread.sleep(20);
            }
            progress.accept(1.0);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            timeline.shutdownNow();
            meshes.forEach(LocalMesh::close);
        }
        long wall = System.nanoTime() - wallStart;
        return new RunOutcome(scenario, options.seed(), options.strategy(), tally, ExpectationResult.check(scenario.expectations(), tally),
                plan.deviceCount(), plan.meshes().size(), wall, wall, 0, -1);
    }

    private void drive(ScheduledExecutorService timeline, LiveNode<Orchestrator> orchestrator) {
        WorkloadDriver.start(scenario, options.seed(), orchestrator.id(), new WorkloadDriver.Timeline() {
            @Override
            public long now() {
                return System.nanoTime();
            }

            @Override
            public void after(long delayNanos, Runnable action) {
                timeline.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
            }
        }, request -> orchestrator.call(o -> o.submit(request)));
    }

    private void apply(List<LocalMesh> meshes, Scenario.Fault fault) {
        for (LocalMesh mesh : meshes) {
            if (mesh.device(fault.device()).isEmpty()) {
                continue;
            }
            try {
                switch (fault) {
                    case Scenario.Fault.Kill kill -> mesh.kill(kill.device());
                    case Scenario.Fault.Revive revive -> mesh.revive(bus, plugins, revive.device());
                    case Scenario.Fault.Slow slow -> mesh.device(slow.device()).orElseThrow()
                            .call(d -> d.adjust(Adjustable.SLOWDOWN, slow.factor()));
                    case Scenario.Fault.Battery battery -> mesh.device(battery.device()).orElseThrow()
                            .call(d -> d.adjust(Adjustable.BATTERY, battery.level()));
                    case Scenario.Fault.Partition p -> throw new IllegalStateException("partition cannot run live");
                    case Scenario.Fault.Heal h -> throw new IllegalStateException("heal cannot run live");
                }
            } catch (IOException | RuntimeException e) {
                bus.publish(new MeshEvent.NodeError(System.currentTimeMillis() * 1_000_000, fault.device(),
                        "scenario fault " + fault.action() + " failed: " + e.getMessage()));
            }
        }
    }

}
