package io.meshbench.sim;

import io.meshbench.plugin.api.PluginContext.Cancellable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The discrete-event queue: (time, sequence) order, and what a cancelled entry still holds. */
class EventQueueTest {

    @Test
    void actionsComeOutByTimeThenByTheOrderTheyWereAdded() {
        EventQueue queue = new EventQueue();
        SplittableRandom random = new SplittableRandom(7);
        List<long[]> added = new ArrayList<>(); // {time, order added}
        for (int i = 0; i < 5_000; i++) {
            long time = random.nextLong(50); // many ties
            added.add(new long[] {time, i});
            queue.add(time, () -> { });
        }
        added.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long lastTime = -1;
        for (long[] expected : added) {
            assertEquals(expected[0], queue.peekTime());
            EventQueue.Entry entry = queue.poll();
            assertEquals(expected[0], entry.time);
            lastTime = entry.time;
        }
        assertEquals(49, lastTime);
        assertEquals(0, queue.size());
    }

    @Test
    void aCancelledEntryLetsGoOfItsActionAtOnce() {
        EventQueue queue = new EventQueue();
        Runnable action = () -> { };
        EventQueue.ActionEntry entry = queue.add(60_000, action);
        assertSame(action, entry.action);
        entry.cancel();
        // Out of the queue, and what the action held is free to be collected now.
        assertNull(entry.action);
        assertEquals(0, queue.size());
    }

    @Test
    void cancellingAnywhereInTheHeapKeepsTheOthersInOrder() {
        EventQueue queue = new EventQueue();
        SplittableRandom random = new SplittableRandom(11);
        java.util.TreeMap<Long, EventQueue.ActionEntry> expected = new java.util.TreeMap<>(); // by time * 2^20 + order
        List<EventQueue.ActionEntry> live = new ArrayList<>();
        long order = 0;
        for (int round = 0; round < 50_000; round++) {
            int what = random.nextInt(10);
            if (what < 5) {
                long time = random.nextLong(1_000);
                EventQueue.ActionEntry entry = queue.add(time, () -> { });
                expected.put(time * (1L << 20) + order++, entry);
                live.add(entry);
            } else if (what < 8 && !live.isEmpty()) {
                EventQueue.ActionEntry entry = live.remove(random.nextInt(live.size()));
                entry.cancel();
                expected.values().remove(entry);
            } else if (!queue.isEmpty()) {
                EventQueue.Entry polled = queue.poll();
                assertSame(expected.pollFirstEntry().getValue(), polled);
                live.remove(polled);
            }
            assertEquals(expected.size(), queue.size());
        }
        while (!queue.isEmpty()) {
            assertSame(expected.pollFirstEntry().getValue(), queue.poll());
        }
        assertTrue(expected.isEmpty());
    }

    @Test
    void aCancelledTimerNeverRunsAndCancellingOneThatRanDoesNothing() {
        VirtualMesh mesh = new VirtualMesh(VirtualMesh.Options.of(1).quiet(), new io.meshbench.event.EventBus());
        List<String> ran = new ArrayList<>();
        Cancellable first = mesh.at(Duration.ofSeconds(1), () -> ran.add("first"));
        Cancellable second = mesh.at(Duration.ofSeconds(2), () -> ran.add("second"));
        second.cancel();
        mesh.runFor(Duration.ofSeconds(3));
        assertEquals(List.of("first"), ran);
        first.cancel(); // after it ran
        assertEquals(1, mesh.processed());
        assertFalse(mesh.step(), "nothing left to run");
    }

    @Test
    void manyCancelledEntriesAreSweptOutAndTheRestKeepTheirOrder() {
        EventQueue queue = new EventQueue();
        SplittableRandom random = new SplittableRandom(3);
        List<long[]> kept = new ArrayList<>(); // {time, order added}
        List<EventQueue.ActionEntry> cancel = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long time = random.nextLong(100);
            EventQueue.ActionEntry entry = queue.add(time, () -> { });
            if (random.nextInt(5) == 0) {
                kept.add(new long[] {time, i});
            } else {
                cancel.add(entry);
            }
        }
        cancel.forEach(EventQueue.Entry::cancel); // past half of the heap: swept
        assertEquals(kept.size(), queue.size());
        kept.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (long[] expected : kept) {
            assertFalse(queue.isEmpty());
            EventQueue.Entry entry = queue.poll();
            assertEquals(expected[0], entry.time);
            assertTrue(entry.take(), "a live entry");
        }
        assertTrue(queue.isEmpty());
    }
}
