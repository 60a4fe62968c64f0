package io.meshbench.app.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressRelayTest {

    private final Queue<Runnable> fx = new ArrayDeque<>();
    private final List<ProgressRelay.Progress> shown = new ArrayList<>();
    private long now = 1_000;

    private ProgressRelay relay() {
        return new ProgressRelay(fx::add, shown::add, () -> now);
    }

    private void runFx() {
        while (!fx.isEmpty()) {
            fx.poll().run();
        }
    }

    @Test
    void reportsFasterThanTheWindowDrawsReachItOnceAsTheLatest() {
        ProgressRelay relay = relay();
        relay.progress(0.1, "codec");
        relay.progress(0.2, "codec");
        relay.progress(0.3, "selection");
        assertEquals(1, fx.size(), "one update waits for the window at most");
        runFx();
        assertEquals(List.of("selection"), shown.stream().map(ProgressRelay.Progress::step).toList());
        assertEquals(0.3, shown.getFirst().fraction());
        relay.progress(0.4, "roundtrip");
        runFx();
        assertEquals(2, shown.size(), "after the window took one, the next report posts again");
    }

    @Test
    void theFractionNeverGoesBackOrPastOne() {
        ProgressRelay relay = relay();
        for (double f : new double[]{0.5, 0.2, Double.NaN, 1.7, 0.9}) {
            relay.progress(f, "x");
            runFx();
        }
        assertEquals(List.of(0.5, 0.5, 0.5, 1.0, 1.0), shown.stream().map(ProgressRelay.Progress::fraction).toList());
    }

    @Test
    void timeLeftIsEstimatedFromTheTimeTakenOnceThereIsSomethingToGoBy() {
        ProgressRelay relay = relay();
        now += 1_000_000_000L;
        relay.progress(0.01, "codec");
        runFx();
        assertEquals("1% · codec · 1 s", shown.getLast().text(), "too early to tell");
        now += 29_000_000_000L;
        relay.progress(0.25, "selection");
        runFx();
        assertEquals("25% · selection · 30 s, about 1m 30s left", shown.getLast().text());
    }

    @Test
    void aFailedBenchmarkIsCountedInTheProgressLineAtOnceAndTheFractionStays() {
        ProgressRelay relay = relay();
        now += 10_000_000_000L;
        relay.progress(0.5, "roundtrip");
        runFx();
        relay.failed(new io.meshbench.bench.suite.Failure("roundtrip", "RoundTripBenchmark.auction (mesh=peers-file)",
                "Connection refused"));
        runFx();
        ProgressRelay.Progress p = shown.getLast();
        assertEquals(0.5, p.fraction());
        assertEquals(1, p.failed());
        assertEquals("50% · roundtrip · 10 s, about 10 s left · 1 failed so far (latest roundtrip: "
                + "RoundTripBenchmark.auction (mesh=peers-file); the others go on, all listed at the end)", p.text());
        relay.failed(new io.meshbench.bench.suite.Failure("open-loop", "OpenLoop, 10 peers", "Address already in use"));
        relay.progress(0.6, "open-loop load, 10 peers");
        runFx();
        assertEquals(2, shown.getLast().failed());
        assertEquals("open-loop: OpenLoop, 10 peers", shown.getLast().lastFailed());
    }
}
