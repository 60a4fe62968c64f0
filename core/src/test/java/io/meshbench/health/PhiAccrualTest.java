package io.meshbench.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhiAccrualTest {

    static final long MS = 1_000_000L;
    static final LivenessSettings DEFAULTS = LivenessSettings.DEFAULT;

    /** The silence after which phi first reaches {@code threshold}, to the millisecond. */
    static long silenceUntil(double threshold, ArrivalWindow window) {
        for (long ms = 0; ms < 60_000; ms++) {
            if (PhiAccrual.phi(window, ms * MS, DEFAULTS) >= threshold) {
                return ms;
            }
        }
        return -1;
    }

    @Test
    void phiGrowsWithSilence() {
        ArrivalWindow window = new ArrivalWindow(100, 500 * MS);
        double previous = -1;
        for (long ms = 0; ms <= 5000; ms += 50) {
            double phi = PhiAccrual.phi(window, ms * MS, DEFAULTS);
            assertTrue(phi >= previous, "phi fell from " + previous + " to " + phi + " at " + ms + " ms");
            previous = phi;
        }
        assertTrue(previous > 50, "after 5 s of silence phi is " + previous);
    }

    @Test
    void atTheDefaultsASteadyPeerIsDeclaredDownWithinTwoSecondsOfSilence() {
        ArrivalWindow window = new ArrivalWindow(100, 500 * MS);
        for (int i = 0; i < 100; i++) {
            window.add((495 + (i % 10)) * MS); // 495..504 ms: a steady loopback peer
        }
        long suspect = silenceUntil(DEFAULTS.suspectPhi(), window);
        long down = silenceUntil(DEFAULTS.downPhi(), window);
        assertTrue(suspect > 1000 && suspect < down, "suspect after " + suspect + " ms, down after " + down + " ms");
        assertTrue(down < 2000, "down after " + down + " ms of silence");
    }

    @Test
    void aJitteryPeerGetsMoreTime() {
        ArrivalWindow steady = new ArrivalWindow(100, 500 * MS);
        ArrivalWindow jittery = new ArrivalWindow(100, 500 * MS);
        for (int i = 0; i < 100; i++) {
            steady.add(500 * MS);
            jittery.add((i % 2 == 0 ? 100 : 900) * MS);
        }
        assertTrue(silenceUntil(8, jittery) > silenceUntil(8, steady) + 500);
    }

    @Test
    void theWindowForgetsOldIntervals() {
        ArrivalWindow window = new ArrivalWindow(4, 500 * MS);
        for (int i = 0; i < 4; i++) {
            window.add(2000 * MS);
        }
        assertEquals(2000 * MS, window.mean(), 1e-3);
        assertEquals(0, window.stdDev(), 1e-3);
    }

    @Test
    void settingsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new LivenessSettings(Duration.ZERO, Duration.ZERO,
                Duration.ofMillis(100), 1, 8, 100, Duration.ZERO, Duration.ofSeconds(1), 64));
        assertThrows(IllegalArgumentException.class, () -> new LivenessSettings(Duration.ofMillis(500), Duration.ZERO,
                Duration.ofMillis(100), 8, 1, 100, Duration.ZERO, Duration.ofSeconds(1), 64));
        assertThrows(IllegalArgumentException.class, () -> new ArrivalWindow(1, 500 * MS));
    }
}
