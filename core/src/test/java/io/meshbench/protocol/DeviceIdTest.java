package io.meshbench.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The id grammar, and that the cache of ids already found valid never lets a bad one through. */
class DeviceIdTest {

    @Test
    void validIdsPassAgainAndAgainAndEqualCopiesToo() {
        String id = "Device_7.a:b@c+d-e";
        for (int i = 0; i < 3; i++) {
            assertSame(id, DeviceId.check("sender", id));
            String copy = new String(id.toCharArray());
            assertSame(copy, DeviceId.checkTask("task_id", copy));
        }
        assertTrue(DeviceId.valid(id));
        assertTrue(DeviceId.valid("x".repeat(DeviceId.MAX_LENGTH)));
    }

    @Test
    void anInvalidIdWithTheHashOfACachedValidOneIsStillRejected() {
        String valid = "a1";
        String invalid = "b\u0012"; // 'b' * 31 + 18 == 'a' * 31 + '1': the same String hash
        assertEquals(valid.hashCode(), invalid.hashCode());
        DeviceId.check("sender", valid);
        DeviceId.check("sender", valid);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceId.check("sender", invalid));
        assertTrue(e.getMessage().startsWith("sender must not contain spaces, '|', control or non-ASCII characters"),
                e.getMessage());
        assertFalse(DeviceId.valid(invalid));
    }

    @Test
    void everyKindOfBadIdIsRejectedWithItsMessageEvenAfterValidOnes() {
        DeviceId.check("device_id", "Device_1");
        assertEquals("device_id must be a non-empty device id",
                assertThrows(IllegalArgumentException.class, () -> DeviceId.check("device_id", "")).getMessage());
        assertEquals("device_id must be a non-empty device id",
                assertThrows(IllegalArgumentException.class, () -> DeviceId.check("device_id", null)).getMessage());
        assertEquals("task_id must be a non-empty task id",
                assertThrows(IllegalArgumentException.class, () -> DeviceId.checkTask("task_id", "")).getMessage());
        assertEquals("device_id is longer than 128 characters", assertThrows(IllegalArgumentException.class,
                () -> DeviceId.check("device_id", "x".repeat(DeviceId.MAX_LENGTH + 1))).getMessage());
        for (String bad : new String[] {"Device 1", "Device|1", "Dévice", "Device\n", "Device\u0000", "日本"}) {
            assertThrows(IllegalArgumentException.class, () -> DeviceId.check("device_id", bad), bad);
            assertThrows(IllegalArgumentException.class, () -> DeviceId.check("device_id", bad), bad);
            assertFalse(DeviceId.valid(bad), bad);
        }
        assertFalse(DeviceId.valid(null));
        assertFalse(DeviceId.valid(""));
    }
}
