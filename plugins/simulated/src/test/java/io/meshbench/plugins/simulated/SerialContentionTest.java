package io.meshbench.plugins.simulated;

import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code contention: serial}: one run at a time per unit, in order, on a manual clock. */
class SerialContentionTest {

    private record Timer(long at, long seq, Runnable action, boolean[] cancelled) {
    }

    private long now;
    private long seq;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final List<String> ends = new ArrayList<>();

    private PluginContext context(Map<String, Object> config) {
        return new PluginContext() {
            private final RandomGenerator random = new SplittableRandom(3);
            public String deviceId() { return "Device_B"; }
            public Map<String, Object> config() { return config; }
            public long nowNanos() { return now; }
            public Cancellable schedule(Duration delay, Runnable action) {
                boolean[] cancelled = {false};
                timers.add(new Timer(now + delay.toNanos(), seq++, action, cancelled));
                return () -> cancelled[0] = true;
            }
            public System.Logger logger() { return System.getLogger("test"); }
            public RandomGenerator random() { return random; }
        };
    }

    private void runAll() {
        while (!timers.isEmpty()) {
            Timer t = timers.poll();
            if (!t.cancelled()[0]) {
                now = t.at();
                t.action().run();
            }
        }
    }

    /** 1 s a run on the NPU, 2 s on the CPU (prompt cost negligible). */
    private SlmEngine engine(String contention) {
        return new SimulatedSlmProvider().create(context(Map.of("contention", contention, "max_tokens", 10,
                "decode_tps_npu", 10, "decode_tps_cpu", 5, "prefill_tps_npu", 1e9, "prefill_tps_cpu", 1e9)));
    }

    private SlmEngine.Run start(SlmEngine engine, String task, boolean npu, Duration timeout) {
        return engine.start(new SlmRequest(task, "p", npu, timeout), result -> ends.add(task + " " + result.status()
                + " at " + now / 1_000_000 + " ms, took " + result.elapsed().toMillis() + " ms"));
    }

    @Test
    void runsOnOneUnitWaitForOneAnotherAndTheOtherUnitDoesNot() {
        SlmEngine engine = engine("serial");
        for (String t : List.of("n1", "n2", "n3")) {
            start(engine, t, true, Duration.ofSeconds(60));
        }
        start(engine, "c1", false, Duration.ofSeconds(60));
        runAll();
        assertEquals(List.of("n1 COMPLETED at 1000 ms, took 1000 ms", "c1 COMPLETED at 2000 ms, took 2000 ms",
                "n2 COMPLETED at 2000 ms, took 2000 ms", "n3 COMPLETED at 3000 ms, took 3000 ms"), ends);
    }

    @Test
    void withoutContentionEveryRunHasTheDeviceToItself() {
        SlmEngine engine = engine("none");
        for (String t : List.of("n1", "n2")) {
            start(engine, t, true, Duration.ofSeconds(60));
        }
        runAll();
        assertEquals(List.of("n1 COMPLETED at 1000 ms, took 1000 ms", "n2 COMPLETED at 1000 ms, took 1000 ms"), ends);
    }

    @Test
    void cancellingTheRunningOneStartsTheNextAndAWaitingOneLeavesTheLine() {
        SlmEngine engine = engine("serial");
        SlmEngine.Run first = start(engine, "n1", true, Duration.ofSeconds(60));
        start(engine, "n2", true, Duration.ofSeconds(60));
        SlmEngine.Run third = start(engine, "n3", true, Duration.ofSeconds(60));
        now = 500_000_000L;
        first.cancel();
        third.cancel();
        first.cancel(); // a second cancel does nothing
        runAll();
        assertEquals(List.of("n1 CANCELLED at 500 ms, took 500 ms", "n3 CANCELLED at 500 ms, took 500 ms",
                "n2 COMPLETED at 1500 ms, took 1500 ms"), ends);
    }

    @Test
    void theTimeoutCountsTheWait() {
        SlmEngine engine = engine("serial");
        start(engine, "n1", true, Duration.ofSeconds(60));
        start(engine, "n2", true, Duration.ofMillis(1500));
        runAll();
        assertEquals("n1 COMPLETED at 1000 ms, took 1000 ms", ends.get(0));
        assertTrue(ends.get(1).startsWith("n2 TIMED_OUT at 1500 ms"), ends.get(1));
    }

    @Test
    void anUnknownContentionIsRefusedWithWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine("fifo"));
        assertEquals("contention of device Device_B must be none or serial, got \"fifo\"", e.getMessage());
    }
}
