package io.meshbench.scenario;

import io.meshbench.report.RunStats;
import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.plugin.api.Adjustable;
import io.meshbench.plugin.api.SelectionStrategy;
import io.meshbench.sim.NetworkModel;
import io.meshbench.sim.VirtualMesh;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;

/**
 * Runs a scenario in virtual time: the scenario's meshes on one {@link VirtualMesh}, prompts arriving
 * per orchestrator, faults at their times. Prompts arrive for the scenario's {@code duration}; then
 * the run goes on, without new prompts, until every task in flight has ended (at most the bid and
 * result timeouts more). For the live mode see {@link LiveScenarioRunner}.
 */
public final class ScenarioRunner {

    /**
     * @param seed          the root seed (the scenario's unless overridden)
     * @param strategy      the strategy name (the scenario's unless overridden)
     * @param messageEvents publish an event per message (off for very large runs)
     * @param measureMemory measure the heap the mesh holds once it is set up (a full GC: slow)
     */
    public record Options(long seed, String strategy, boolean messageEvents, boolean measureMemory) {
        public static Options of(Scenario scenario) {
            return new Options(scenario.seed(), scenario.orchestrator().strategy(),
                    MeshPlan.of(scenario).deviceCount() <= 1000, false);
        }

        public Options(long seed, String strategy, boolean messageEvents) {
            this(seed, strategy, messageEvents, false);
        }
    }

    /** Heap in use after a full collection: what the mesh itself holds. */
    static long usedHeapAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private final Scenario scenario;
    private final PluginRegistry plugins;
    private final EventBus bus;
    private final Options options;

    public ScenarioRunner(Scenario scenario, PluginRegistry plugins, EventBus bus, Options options) {
        this.scenario = scenario;
        this.plugins = plugins;
        this.bus = bus;
        this.options = options;
    }

    /** Runs to the end; {@code progress} hears the share of the run done, now and then. */
    public RunOutcome run(DoubleConsumer progress) {
        try (VirtualRun run = prepare()) {
            long end = run.endNanos();
            long slice = Math.max(1, end / 100);
            for (long t = slice; t <= end; t += slice) {
                run.advanceTo(t);
                progress.accept((double) t / end);
            }
            run.advanceTo(end);
            // Past the end, on in whole seconds until every task in flight has ended (or the drain limit).
            while (!run.finished()) {
                run.advanceTo(Math.min(run.limitNanos(), run.nowNanos() + Duration.ofSeconds(1).toNanos()));
            }
            progress.accept(1.0);
            return run.outcome();
        }
    }

    /**
     * Sets the scenario's meshes, workload and faults up on a virtual mesh without running them, for a
     * caller that advances virtual time itself (the window paces it against the wall clock).
     */
    public VirtualRun prepare() {
        long wallStart = System.nanoTime();
        RunStats tally = new RunStats();
        AutoCloseable subscription = bus.subscribe(tally);
        MeshPlan plan = MeshPlan.of(scenario);
        SelectionStrategy strategy = plugins.strategy(options.strategy());
        Scenario.Network net = scenario.network();
        VirtualMesh mesh = new VirtualMesh(new VirtualMesh.Options(options.seed(),
                new NetworkModel(net.latency(), net.jitter(), net.loss(), Duration.ofSeconds(3)),
                options.messageEvents(), options.messageEvents(), 0), bus);
        Map<String, DeviceConfig> configs = new HashMap<>();
        Orchestrator.Settings settings = new Orchestrator.Settings(scenario.orchestrator().bidTimeout(),
                scenario.orchestrator().resultTimeout(), scenario.orchestrator().fanout());
        for (MeshPlan.PlannedMesh planned : plan.meshes()) {
            List<String> peers = planned.peerList();
            for (DeviceConfig config : planned.devices()) {
                configs.put(config.deviceId(), config);
                mesh.add(config.deviceId(), device(config), peers);
            }
            VirtualMesh.Node<Orchestrator> orchestrator = mesh.add(planned.orchestratorId(),
                    new Orchestrator(settings, strategy), peers);
            drive(mesh, orchestrator);
        }
        for (Scenario.Fault fault : scenario.faults()) {
            mesh.at(fault.at(), () -> apply(mesh, fault, configs));
        }
        long heapAfterSetup = options.measureMemory() ? usedHeapAfterGc() : -1;
        return new VirtualRun(scenario, options, plan, mesh, tally, subscription, wallStart, heapAfterSetup);
    }

    private DeviceNode device(DeviceConfig config) {
        return new DeviceNode(config, plugins.metrics(config.metrics()), plugins.engine(config.slm()));
    }

    private void drive(VirtualMesh mesh, VirtualMesh.Node<Orchestrator> orchestrator) {
        WorkloadDriver.start(scenario, options.seed(), orchestrator.self(), new WorkloadDriver.Timeline() {
            @Override
            public long now() {
                return mesh.now();
            }

            @Override
            public void after(long delayNanos, Runnable action) {
                mesh.at(Duration.ofNanos(delayNanos), action);
            }
        }, request -> orchestrator.handler().submit(request));
    }


    @SuppressWarnings("unchecked")
    private void apply(VirtualMesh mesh, Scenario.Fault fault, Map<String, DeviceConfig> configs) {
        switch (fault) {
            case Scenario.Fault.Kill kill -> mesh.node(kill.device()).kill();
            case Scenario.Fault.Revive revive -> ((VirtualMesh.Node<DeviceNode>) mesh.node(revive.device()))
                    .revive(device(configs.get(revive.device())));
            case Scenario.Fault.Slow slow -> deviceNode(mesh, slow).ifPresent(d -> d.adjust(Adjustable.SLOWDOWN, slow.factor()));
            case Scenario.Fault.Battery battery -> deviceNode(mesh, battery)
                    .ifPresent(d -> d.adjust(Adjustable.BATTERY, battery.level()));
            case Scenario.Fault.Partition partition -> {
                for (int g = 1; g < partition.groups().size(); g++) {
                    for (String device : partition.groups().get(g)) {
                        mesh.network().partition(device, g);
                    }
                }
            }
            case Scenario.Fault.Heal heal -> mesh.network().heal();
        }
    }

    private static Optional<DeviceNode> deviceNode(VirtualMesh mesh, Scenario.Fault fault) {
        VirtualMesh.Node<?> node = mesh.node(fault.device());
        return node.alive() && node.handler() instanceof DeviceNode d ? Optional.of(d) : Optional.empty();
    }
}
