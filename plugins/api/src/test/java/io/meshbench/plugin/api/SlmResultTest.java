package io.meshbench.plugin.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlmResultTest {

    @Test
    void ratesComeFromTheCountsAndTheEngineTimings() {
        SlmResult measured = SlmResult.completed("text", 100, 21, Duration.ofSeconds(3))
                .withTimings(new SlmResult.Timings(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(2), false));
        assertEquals(200.0, measured.prefillTokensPerSecond(), 1e-9);
        assertEquals(10.0, measured.decodeTokensPerSecond(), 1e-9, "20 tokens after the first in 2 s");

        SlmResult reported = SlmResult.completed("text", 100, 20, Duration.ofSeconds(3))
                .withTimings(new SlmResult.Timings(null, Duration.ofMillis(250), Duration.ofSeconds(2), true));
        assertEquals(400.0, reported.prefillTokensPerSecond(), 1e-9);
        assertEquals(10.0, reported.decodeTokensPerSecond(), 1e-9, "llama.cpp's own count covers every token");
    }

    @Test
    void unknownTimingsOrCountsGiveNaN() {
        SlmResult plain = SlmResult.completed("text", 10, 10, Duration.ofSeconds(1));
        assertEquals(SlmResult.Timings.UNKNOWN, plain.timings());
        assertTrue(Double.isNaN(plain.prefillTokensPerSecond()) && Double.isNaN(plain.decodeTokensPerSecond()));
        SlmResult failed = SlmResult.failed(SlmResult.Status.CANCELLED, "cancelled", "", Duration.ZERO)
                .withTimings(new SlmResult.Timings(null, Duration.ofMillis(1), Duration.ofMillis(1), true));
        assertTrue(Double.isNaN(failed.prefillTokensPerSecond()), "no counts: no rate");
    }
}
