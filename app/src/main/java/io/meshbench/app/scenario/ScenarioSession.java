package io.meshbench.app.scenario;

import io.meshbench.live.MeshSession;
import io.meshbench.app.views.Speed;
import io.meshbench.event.EventBus;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.scenario.LiveScenarioRunner;
import io.meshbench.scenario.PlannedDevice;
import io.meshbench.scenario.RunOutcome;
import io.meshbench.scenario.Scenario;
import io.meshbench.scenario.ScenarioLayout;
import io.meshbench.scenario.ScenarioRunner;
import io.meshbench.scenario.VirtualRun;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * One scenario run for the window, without any JavaFX: in virtual mode a {@link VirtualRun} paced by a
 * {@link PacedDriver} on a thread of its own, in live mode the {@link LiveScenarioRunner} (wall-clock
 * time: it cannot pause or change speed). Its events go to {@link #bus()}; {@link #outcome()}
 * completes with the summary when the run ends.
 */
public final class ScenarioSession implements AutoCloseable {

    /** How long the driver thread rests between ticks: about a frame. */
    private static final long REST_NANOS = 4_000_000L;

    private final Scenario scenario;
    private final EventBus bus;
    private final PluginRegistry plugins;
    private final ScenarioRunner.Options options;
    private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    private final BooleanSupplier backlogged;
    /** Set up at the start, not before: its nodes' first events then reach whoever listens by then. */
    private volatile VirtualRun virtual;
    private volatile PacedDriver driver;
    private volatile Speed speed = Speed.REAL_TIME;
    private volatile double progress;
    private volatile long virtualNow;
    private volatile boolean closed;
    private Thread thread;
    private final List<MeshSession.Device> devices;

    /**
     * @param backlogged true while the window has too many events waiting (an unpaced run then waits)
     */
    public ScenarioSession(Scenario scenario, PluginRegistry plugins, EventBus bus, BooleanSupplier backlogged) {
        this.scenario = scenario;
        this.bus = bus;
        this.plugins = plugins;
        this.options = ScenarioRunner.Options.of(scenario);
        this.devices = ScenarioLayout.nodes(scenario).stream().map(ScenarioSession::info).toList();
        plugins.strategy(options.strategy()); // a strategy that does not exist fails here, before the window runs
        this.backlogged = backlogged;
        if (scenario.mode() == Scenario.Mode.LIVE) {
            new LiveScenarioRunner(scenario, plugins, bus, options); // refuses partitions now, not later
        }
    }

    private PacedDriver paced(VirtualRun virtual) {
        return new PacedDriver(new PacedDriver.Run() {
                @Override
                public long nowNanos() {
                    return virtual.nowNanos();
                }

                @Override
                public void advanceTo(long nanos) {
                    virtual.advanceTo(nanos);
                }

                @Override
                public boolean finished() {
                    return virtual.finished();
                }
            }, System::nanoTime, backlogged);
    }

    public Scenario scenario() {
        return scenario;
    }

    public EventBus bus() {
        return bus;
    }

    /** Whether it runs in virtual time (and so can pause and change speed). */
    public boolean pausable() {
        return scenario.mode() == Scenario.Mode.VIRTUAL;
    }

    /** Every node the run sets up, the orchestrators first in each mesh. */
    public List<MeshSession.Device> devices() {
        return devices;
    }

    private static MeshSession.Device info(PlannedDevice d) {
        return new MeshSession.Device(d.id(), d.orchestrator() ? null : d.npu(), d.orchestrator(), true);
    }

    /** The orchestrator of the first mesh: the one whose auctions the window lists. */
    public String orchestratorId() {
        return devices.getFirst().id();
    }

    /**
     * Starts the run (paced at {@code speed} in virtual mode). A scenario whose plugins cannot be made
     * fails here, with the plugin's message.
     */
    public synchronized void start(Speed startSpeed) {
        if (thread != null) {
            return;
        }
        speed = startSpeed;
        if (pausable()) {
            virtual = new ScenarioRunner(scenario, plugins, bus, options).prepare();
            driver = paced(virtual);
            driver.setSpeed(speed);
            driver.resume();
            thread = Thread.ofPlatform().daemon().name("scenario-driver").start(this::drive);
        } else {
            thread = Thread.ofPlatform().daemon().name("scenario-live").start(this::runLive);
        }
    }

    public boolean started() {
        return thread != null;
    }

    private void drive() {
        try {
            while (!closed) {
                PacedDriver.Tick tick = driver.tick();
                long end = virtual.endNanos();
                virtualNow = virtual.nowNanos();
                progress = Math.min(1.0, (double) virtualNow / Math.max(1, end));
                if (tick == PacedDriver.Tick.FINISHED) {
                    progress = 1.0;
                    virtual.close();
                    outcome.complete(virtual.outcome());
                    return;
                }
                if (tick != PacedDriver.Tick.RAN || !driver.speed().unpaced()) {
                    LockSupport.parkNanos(REST_NANOS);
                }
            }
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
    }

    private void runLive() {
        try {
            DoubleConsumer share = p -> progress = p;
            outcome.complete(new LiveScenarioRunner(scenario, plugins, bus, options).run(share));
        } catch (Exception e) {
            outcome.completeExceptionally(e);
        }
    }

    public void pause() {
        if (driver != null) {
            driver.pause();
        }
    }

    public void resume() {
        if (driver != null) {
            driver.resume();
        }
    }

    public boolean paused() {
        return driver != null && driver.paused();
    }

    public void setSpeed(Speed newSpeed) {
        speed = newSpeed;
        if (driver != null) {
            driver.setSpeed(newSpeed);
        }
    }

    public Speed speed() {
        return speed;
    }

    /** Whether the mesh is too heavy to keep up with the chosen speed. */
    public boolean behind() {
        return driver != null && driver.behind();
    }

    /** Share of the scenario's duration done. */
    public double progress() {
        return progress;
    }

    /** Virtual time now (wall time since the start in live mode is not known here: -1). */
    public long virtualNanos() {
        return pausable() ? virtualNow : -1;
    }

    public CompletableFuture<RunOutcome> outcome() {
        return outcome;
    }

    /** Stops the run where it is (a live run's nodes close when its runner ends). */
    @Override
    public void close() {
        closed = true;
        Thread running = thread;
        if (running != null && !pausable()) {
            running.interrupt();
        }
    }
}
