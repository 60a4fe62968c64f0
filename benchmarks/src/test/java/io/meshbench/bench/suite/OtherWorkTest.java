package io.meshbench.bench.suite;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe of other work: the machine's busy cores less the suite's own process tree. The arithmetic on
 * counters read from a fake; what counts as the suite's own on real processes that burn CPU: a child (a
 * scale scenario's JVM, a JMH fork) is the suite's, running or ended; a process outside its tree is other
 * work.
 */
class OtherWorkTest {

    /** Counters that answer from a list, one reading a call. */
    private static final class Fake implements OtherWork.Counters {
        private final Deque<long[]> machine = new ArrayDeque<>();
        private final Deque<Long> own = new ArrayDeque<>();

        Fake reading(long busy, long total, long ownJiffies) {
            machine.add(new long[]{busy, total});
            own.add(ownJiffies);
            return this;
        }

        @Override
        public long[] machine() {
            return machine.poll();
        }

        @Override
        public long ownTree() {
            return own.isEmpty() ? -1 : own.poll();
        }
    }

    @Test
    void otherWorkIsTheMachinesBusyCoresLessTheSuitesOwnJiffies() {
        // 2 cores, 200 jiffies of CPU time in the window: 150 busy, 100 of them the suite's (a child JVM)
        Fake fake = new Fake().reading(1_000, 10_000, 500).reading(1_150, 10_200, 600);
        double others = OtherWork.probe(Duration.ZERO, fake, 2);
        assertEquals(0.5, others, 1e-9);
        assertFalse(OtherWork.busy(others, others, 2), "0.5 of 2 cores is not more than half");

        // the same machine with the suite's own work not left out would read as busy
        assertEquals(1.5, OtherWork.probe(Duration.ZERO, new Fake().reading(1_000, 10_000, -1).reading(1_150, 10_200, -1),
                2), 1e-9, "own tree unreadable: the machine's busy cores, as before");
        assertTrue(OtherWork.busy(1.5, Double.NaN, 2));

        // the suite's own time cannot make others negative (its counters and the machine's tick apart)
        assertEquals(0, OtherWork.probe(Duration.ZERO, new Fake().reading(0, 0, 0).reading(10, 200, 14), 2), 1e-9);
        assertTrue(Double.isNaN(OtherWork.probe(Duration.ZERO, new Fake(), 2)), "no /proc/stat: not recorded");
        assertTrue(Double.isNaN(OtherWork.probe(Duration.ZERO, new Fake().reading(5, 100, 0).reading(5, 100, 0), 2)),
                "no time passed: not recorded");
    }

    @Test
    void theMostOfTwoProbesIsTheOneRecordedWhereOnlyOneIs() {
        assertEquals(1.4, OtherWork.most(1.4, 0.2));
        assertEquals(0.7, OtherWork.most(Double.NaN, 0.7));
        assertEquals(0.7, OtherWork.most(0.7, Double.NaN));
        assertFalse(OtherWork.probed(Double.NaN, Double.NaN));
        assertTrue(OtherWork.probed(Double.NaN, 0.1));
    }

    @Test
    void aChildBurningCpuIsTheSuitesOwnWorkWhileItRunsAndAfterItEnded() throws Exception {
        Process child = burner();
        try {
            long self = ProcessHandle.current().pid();
            OtherWork.Snapshot a = OtherWork.snapshot(OtherWork.PROC);
            long selfAtA = OtherWork.processJiffies(self);
            long childAtA = OtherWork.processJiffies(child.pid());
            long burned = burnedSince(child.pid(), childAtA, 25);
            long selfAtB = OtherWork.processJiffies(self);
            OtherWork.Snapshot b = OtherWork.snapshot(OtherWork.PROC);
            // beyond this JVM's own jiffies, the child's: the tree, not this process alone
            assertTrue(b.own() - a.own() >= selfAtB - selfAtA + burned - 2, "the child's " + burned
                    + " jiffies are the suite's own beside this JVM's " + (selfAtB - selfAtA) + "; counted " + (b.own() - a.own()));

            // ended and waited for: its time moved into this process's cutime, still the suite's own
            long childBeforeEnd = OtherWork.processJiffies(child.pid());
            child.destroy();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            OtherWork.Snapshot c = OtherWork.snapshot(OtherWork.PROC);
            assertTrue(c.own() - a.own() >= childBeforeEnd - childAtA - 1, "an ended child's " + (childBeforeEnd - childAtA)
                    + " jiffies stay the suite's own; counted " + (c.own() - a.own()));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aProcessOutsideTheSuitesTreeIsOtherWork() throws Exception {
        // the outer shell starts the burner in the background and exits: the burner is no descendant of this JVM
        Process launcher = new ProcessBuilder("sh", "-c",
                "sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 & echo $!").start();
        long pid;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            pid = Long.parseLong(in.readLine().strip());
        }
        assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
        try {
            assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.pid() == pid), "the burner left the tree");
            OtherWork.Snapshot a = OtherWork.snapshot(OtherWork.PROC);
            long burned = burnedSince(pid, OtherWork.processJiffies(pid), 25);
            OtherWork.Snapshot b = OtherWork.snapshot(OtherWork.PROC);
            long others = (b.busy() - a.busy()) - Math.max(0, b.own() - a.own());
            assertTrue(others >= burned * 0.9 - 2, "the outside burner's " + burned + " jiffies are other work; counted "
                    + others);
            assertTrue(OtherWork.others(a, b, Runtime.getRuntime().availableProcessors()) > 0);
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A child process that burns one core until stopped. */
    private static Process burner() throws Exception {
        Process p = new ProcessBuilder(List.of("sh", "-c", "while :; do :; done")).redirectErrorStream(true).start();
        p.getOutputStream().close();
        return p;
    }

    /** Waits until process {@code pid} has used {@code jiffies} more than {@code from}; returns how many it used. */
    private static long burnedSince(long pid, long from, long jiffies) throws InterruptedException {
        assertTrue(from >= 0, "process " + pid + " is readable in /proc");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long now = from;
        while (now - from < jiffies && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = OtherWork.processJiffies(pid);
        }
        assertTrue(now - from >= jiffies, "process " + pid + " burned " + (now - from) + " jiffies in 30 s");
        return now - from;
    }
}
