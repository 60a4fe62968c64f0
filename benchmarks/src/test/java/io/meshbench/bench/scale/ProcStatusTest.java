package io.meshbench.bench.scale;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Peak RSS as read from /proc, of this JVM and of a child process, and the status lines it is parsed from. */
class ProcStatusTest {

    @Test
    void readsThePeakResidentSetOfThisJvmAndOfAnotherProcess() throws Exception {
        long now = ProcStatus.rssBytes(ProcessHandle.current().pid()).orElseThrow();
        long self = ProcStatus.peakRssBytes(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(self >= now && now > 1 << 20, "peak " + self + " ≥ now " + now + " > 1 MiB");
        // touch 64 MiB more than this JVM held: the high-water mark must rise by about as much
        long before = self;
        byte[][] pages = new byte[64][];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = new byte[1 << 20];
            for (int j = 0; j < pages[i].length; j += 4096) {
                pages[i][j] = 1;
            }
        }
        long after = ProcStatus.peakRssBytes(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(pages[63][4096] == 1 && after >= before, before + " → " + after);

        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            long child = ProcStatus.peakRssBytes(sleeper.pid()).orElseThrow();
            assertTrue(child > 0 && child < self, "sleep's peak RSS " + child);
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
        assertEquals(OptionalLong.empty(), ProcStatus.peakRssBytes(sleeper.pid()), "an ended process has none");
    }

    @Test
    void parsesKilobytesAndMissingFields() {
        String status = "Name:\tjava\nVmPeak:\t 9126208 kB\nVmHWM:\t  874304 kB\nVmRSS:\t  512000 kB\nThreads:\t23\n";
        assertEquals(874304L * 1024, ProcStatus.parse(status, "VmHWM").orElseThrow());
        assertEquals(512000L * 1024, ProcStatus.parse(status, "VmRSS").orElseThrow());
        assertEquals(23, ProcStatus.parse(status, "Threads").orElseThrow());
        assertEquals(OptionalLong.empty(), ProcStatus.parse(status, "VmSwap"));
        assertEquals(OptionalLong.empty(), ProcStatus.parse("VmHWM:\tlots kB\n", "VmHWM"));
    }
}
