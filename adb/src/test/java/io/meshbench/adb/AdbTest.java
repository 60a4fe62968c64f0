package io.meshbench.adb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adb runner against stand-in executables: what adb prints, and adb that never ends. */
class AdbTest {

    private static Adb fake(Path dir, String script) throws Exception {
        Path adb = dir.resolve("adb");
        Files.writeString(adb, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(adb, PosixFilePermissions.fromString("rwx------"));
        return new Adb(adb.toString(), 0);
    }

    @Test
    void outputAndStatusComeBack(@TempDir Path dir) throws Exception {
        Adb.Result r = fake(dir, "echo \"args: $*\"; exit 3").run(Duration.ofSeconds(10), "devices", "-l");
        assertEquals(3, r.status());
        assertEquals("args: devices -l\n", r.output());
    }

    @Test
    void aCommandThatNeverEndsIsStoppedAtTheTimeout(@TempDir Path dir) throws Exception {
        Adb adb = fake(dir, "echo started; exec sleep 60");
        long start = System.nanoTime();
        AdbException e = assertThrows(AdbException.class, () -> adb.run(Duration.ofSeconds(1), "shell", "cat"));
        assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos(), "ended at the timeout, not with the child");
    }

    @Test
    void adbThatEndsWhileAChildHoldsItsOutputOpenStillReturns(@TempDir Path dir) throws Exception {
        // adb exits, but a process it left behind keeps the output pipe open for a minute
        Adb adb = fake(dir, "echo done; (sleep 60; echo late) & exit 0");
        long start = System.nanoTime();
        Adb.Result r = adb.run(Duration.ofSeconds(10), "stop");
        assertEquals(0, r.status());
        assertEquals("done\n", r.output(), "what came before is kept");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "did not wait for the child");
    }
}
