package io.meshbench.app.scenario;

import io.meshbench.app.views.Speed;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.scenario.RunOutcome;
import io.meshbench.scenario.Scenario;
import io.meshbench.scenario.ScenarioReader;
import io.meshbench.scenario.ScenarioRunner;
import io.meshbench.scenario.VirtualRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paced driver over a real virtual-time run of a shipped scenario, with a wall clock moved by hand. */
class PacedDriverTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong wall = new AtomicLong(1_000 * SECOND);
    private final AtomicBoolean backlogged = new AtomicBoolean();
    private final List<MeshEvent> events = new ArrayList<>();

    static Scenario seed() {
        return ScenarioReader.read(Path.of(System.getProperty("meshbench.root", "..")).resolve("scenarios/seed.yaml"));
    }

    private VirtualRun prepare(Scenario scenario) {
        EventBus bus = new EventBus();
        bus.subscribe(events::add);
        return new ScenarioRunner(scenario, PluginRegistry.fromClassPath(), bus, ScenarioRunner.Options.of(scenario)).prepare();
    }

    private PacedDriver driver(VirtualRun run) {
        return new PacedDriver(new PacedDriver.Run() {
            @Override
            public long nowNanos() {
                return run.nowNanos();
            }

            @Override
            public void advanceTo(long nanos) {
                run.advanceTo(nanos);
            }

            @Override
            public boolean finished() {
                return run.finished();
            }
        }, wall::get, backlogged::get);
    }

    private long latestEvent() {
        return events.stream().mapToLong(MeshEvent::time).max().orElse(-1);
    }

    @Test
    void virtualTimeFollowsTheWallClockAtTheChosenSpeedAndStandsStillWhilePaused() {
        VirtualRun run = prepare(seed());
        PacedDriver driver = driver(run);
        assertEquals(PacedDriver.Tick.PAUSED, driver.tick(), "a new driver waits to be started");
        driver.setSpeed(new Speed(10));
        driver.resume();
        wall.addAndGet(SECOND);
        assertEquals(PacedDriver.Tick.RAN, driver.tick());
        assertEquals(10 * SECOND, run.nowNanos(), "one wall second at 10x is ten virtual seconds");
        assertTrue(latestEvent() <= 10 * SECOND && run.tally().opened() > 0, "auctions ran, none in the future");

        driver.pause();
        wall.addAndGet(4 * SECOND);
        assertEquals(PacedDriver.Tick.PAUSED, driver.tick());
        assertEquals(10 * SECOND, run.nowNanos(), "paused: virtual time stands still");

        driver.resume();
        driver.setSpeed(new Speed(0.5));
        wall.addAndGet(2 * SECOND);
        driver.tick();
        assertEquals(11 * SECOND, run.nowNanos(), "resumed where it was, now at half speed");
    }

    @Test
    void asFastAsPossibleWaitsWhileTheWindowIsBackloggedAndEndsAsTheHeadlessRunDoes() {
        Scenario scenario = seed();
        VirtualRun run = prepare(scenario);
        PacedDriver driver = driver(run);
        driver.setSpeed(Speed.AS_FAST_AS_POSSIBLE);
        driver.resume();
        backlogged.set(true);
        assertEquals(PacedDriver.Tick.WAITING, driver.tick());
        assertEquals(0, run.nowNanos());
        backlogged.set(false);
        int ticks = 0;
        while (driver.tick() != PacedDriver.Tick.FINISHED) {
            ticks++;
            assertTrue(ticks < 100_000, "the run ends");
        }
        RunOutcome paced = run.outcome();
        RunOutcome headless = new ScenarioRunner(scenario, PluginRegistry.fromClassPath(), new EventBus(),
                ScenarioRunner.Options.of(scenario)).run(p -> { });
        assertEquals(headless.tally().opened(), paced.tally().opened());
        assertEquals(headless.tally().completed(), paced.tally().completed());
        assertEquals(headless.tally().percentile(95), paced.tally().percentile(95), "same seed, same run, however paced");
        assertTrue(paced.passed(), "the seed scenario meets its expectations in the window too");
    }

    @Test
    void aRunTooHeavyForItsSpeedFallsBehindWithoutABurstToCatchUp() {
        long[] now = {0};
        PacedDriver driver = new PacedDriver(new PacedDriver.Run() {
            @Override
            public long nowNanos() {
                return now[0];
            }

            @Override
            public void advanceTo(long nanos) {
                wall.addAndGet(PacedDriver.TICK_BUDGET_NANOS); // every slice costs a whole tick of wall time
                now[0] = Math.min(nanos, now[0] + SECOND / 10);
            }

            @Override
            public boolean finished() {
                return false;
            }
        }, wall::get, backlogged::get);
        driver.setSpeed(new Speed(100));
        driver.resume();
        wall.addAndGet(10 * SECOND);
        driver.tick();
        assertTrue(driver.behind(), "1,000 virtual seconds asked, a tenth of one done");
        long before = now[0];
        wall.addAndGet(SECOND / 100);
        driver.tick();
        assertTrue(now[0] - before <= SECOND, "the clock restarted: no catching up on the debt");
        driver.setSpeed(new Speed(1));
        wall.addAndGet(SECOND / 100);
        driver.tick();
        assertFalse(driver.behind(), "at 1x it keeps up");
    }
}
