package io.meshbench.app.bridge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThrottleTest {

    @Test
    void sixtyFramesASecondGetTwentyGoes() {
        Throttle throttle = new Throttle(20);
        int goes = 0;
        for (int frame = 0; frame < 60; frame++) {
            if (throttle.due(1_000_000_000L + frame * 16_666_667L)) {
                goes++;
            }
        }
        assertEquals(20, goes);
    }

    @Test
    void theFirstGoIsAtOnceAndAResetLetsTheNextThrough() {
        Throttle throttle = new Throttle(4);
        assertTrue(throttle.due(0), "negative and zero clocks are fine: the frame clock is arbitrary");
        assertFalse(throttle.due(100_000_000L));
        throttle.reset();
        assertTrue(throttle.due(100_000_000L));
        assertFalse(throttle.due(200_000_000L));
        assertTrue(throttle.due(350_000_000L));
    }

    @Test
    void aRateOfZeroIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Throttle(0));
    }
}
