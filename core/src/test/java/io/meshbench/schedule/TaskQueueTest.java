package io.meshbench.schedule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue's promises, over any sequence of offers and serves: served by effective priority
 * (priority raised one level per aging interval waited), first come first served within a level,
 * every task served exactly once, and bounded overtaking (no starvation).
 */
class TaskQueueTest {

    static final long AGING = Duration.ofSeconds(10).toNanos();

    /** One step: after {@code gap} nanoseconds, offer a task of {@code priority}, or serve one (null). */
    record Step(long gap, Priority priority) {
    }

    record Served(int task, Priority priority, long since, long at) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> gaps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 2 * AGING / 10)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 3 * AGING)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)));
        Arbitrary<Priority> priorities = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.of(Priority.values())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((Priority) null)));
        return Combinators.combine(gaps, priorities).as(Step::new).list().ofMaxSize(300);
    }

    /** Runs the steps, then serves what is left; returns the tasks in the order served. */
    private static List<Served> run(List<Step> steps, Map<Integer, Long> offeredAt, Map<Integer, Priority> priorities,
                                    TaskQueueCheck check) {
        TaskQueue<Integer> queue = new TaskQueue<>(Duration.ofNanos(AGING), 100_000);
        List<Served> served = new ArrayList<>();
        long now = 0;
        int next = 0;
        for (Step step : steps) {
            now += step.gap();
            if (step.priority() != null) {
                int task = next++;
                assertTrue(queue.offer(task, step.priority(), now));
                offeredAt.put(task, now);
                priorities.put(task, step.priority());
            } else if (!queue.isEmpty()) {
                check.beforeServing(queue, offeredAt, priorities, now);
                TaskQueue.Waiting<Integer> w = queue.poll().orElseThrow();
                served.add(new Served(w.task(), w.priority(), w.since(), now));
            }
        }
        while (!queue.isEmpty()) {
            now += 1;
            check.beforeServing(queue, offeredAt, priorities, now);
            TaskQueue.Waiting<Integer> w = queue.poll().orElseThrow();
            served.add(new Served(w.task(), w.priority(), w.since(), now));
        }
        return served;
    }

    interface TaskQueueCheck {
        void beforeServing(TaskQueue<Integer> queue, Map<Integer, Long> offeredAt, Map<Integer, Priority> priorities, long now);
    }

    @Property(tries = 300)
    void servesTheHighestEffectivePriorityFirst(@ForAll("steps") List<Step> steps) {
        Map<Integer, Long> offeredAt = new HashMap<>();
        Map<Integer, Priority> priorities = new HashMap<>();
        List<Integer> waiting = new ArrayList<>();
        // A reference model: the waiting task whose level minus the aging intervals it has waited is
        // lowest, the earliest offered on ties, computed from scratch at every serve.
        List<Served> served = run(steps, offeredAt, priorities, (queue, at, prio, now) -> {
            waiting.clear();
            for (int t = 0; t < at.size(); t++) {
                if (queue.contains(t)) {
                    waiting.add(t);
                }
            }
            int best = waiting.getFirst();
            for (int t : waiting) {
                double effective = prio.get(t).level() - (double) (now - at.get(t)) / AGING;
                double bestEffective = prio.get(best).level() - (double) (now - at.get(best)) / AGING;
                if (effective < bestEffective - 1e-12) {
                    best = t;
                }
            }
            assertEquals(best, queue.peek().orElseThrow().task(), "at " + now + " among " + waiting);
        });
        assertEquals(offeredAt.size(), served.size(), "every task served");
        assertEquals(offeredAt.size(), served.stream().map(Served::task).distinct().count(), "each once");
    }

    @Property(tries = 300)
    void withinALevelFirstComeFirstServed(@ForAll("steps") List<Step> steps) {
        List<Served> served = run(steps, new HashMap<>(), new HashMap<>(), (q, a, p, n) -> { });
        Map<Priority, Integer> last = new HashMap<>();
        for (Served s : served) {
            Integer previous = last.put(s.priority(), s.task());
            assertTrue(previous == null || previous < s.task(), s.priority() + ": " + previous + " then " + s.task());
        }
    }

    @Property(tries = 300)
    void noTaskIsOvertakenByOneThatArrivedLaterThanItsLevelInAgingIntervals(@ForAll("steps") List<Step> steps) {
        List<Served> served = run(steps, new HashMap<>(), new HashMap<>(), (q, a, p, n) -> { });
        for (int i = 0; i < served.size(); i++) {
            Served x = served.get(i);
            for (int j = 0; j < i; j++) {
                Served y = served.get(j); // served before x
                if (y.since() > x.since()) {
                    long bound = (long) (x.priority().level() - y.priority().level()) * AGING;
                    assertTrue(y.since() - x.since() <= bound, y + " overtook " + x + " though it came "
                            + (y.since() - x.since()) + " ns later (bound " + bound + ")");
                    assertTrue(y.since() - x.since() <= 2 * AGING, "a low task is overtaken only within 2 agings");
                }
            }
        }
    }

    @Property(tries = 200)
    void aLowTaskUnderAFloodOfHighOnesIsServedWithinTwoAgingIntervals(@ForAll @IntRange(min = 1, max = 50) int perSecond) {
        long gap = 1_000_000_000L / perSecond;
        // the first serve after the newest high task came in later than 2 agings after the low one
        assertTrue(lowTaskServedWithin(Duration.ofNanos(AGING), gap, 2 * AGING + 2 * gap));
    }

    /** The same flood with aging of a year (strict priority): the check above must fail. */
    @Test
    void strictPriorityWouldStarveTheLowTask() {
        long gap = 100_000_000L;
        assertFalse(lowTaskServedWithin(Duration.ofDays(365), gap, 10 * AGING),
                "without aging the low task must starve: the starvation check can fail");
    }

    /**
     * Offers a low task, then one high task every {@code gap} while serving one every {@code gap},
     * so that the queue never empties of high tasks; whether the low one is served within {@code limit}.
     */
    private static boolean lowTaskServedWithin(Duration aging, long gap, long limit) {
        TaskQueue<String> queue = new TaskQueue<>(aging, 1_000_000);
        queue.offer("high-0", Priority.HIGH, 0);
        queue.offer("low", Priority.LOW, 0);
        int highs = 1;
        for (long now = gap; now <= limit + gap; now += gap) {
            queue.offer("high-" + highs++, Priority.HIGH, now);
            if (queue.poll().orElseThrow().task().equals("low")) {
                return now <= limit;
            }
        }
        return false;
    }

    @Test
    void equalWaitsServeByPriority() {
        TaskQueue<String> queue = new TaskQueue<>(Duration.ofSeconds(10), 10);
        queue.offer("low", Priority.LOW, 0);
        queue.offer("normal", Priority.NORMAL, 0);
        queue.offer("high", Priority.HIGH, 0);
        assertEquals(List.of("high", "normal", "low"), List.of(queue.poll().orElseThrow().task(),
                queue.poll().orElseThrow().task(), queue.poll().orElseThrow().task()));
    }

    @Test
    void aLowTaskThatWaitedTwentySecondsGoesBeforeANewHighOne() {
        TaskQueue<String> queue = new TaskQueue<>(Duration.ofSeconds(10), 10);
        long s = 1_000_000_000L;
        queue.offer("low", Priority.LOW, 0);
        queue.offer("high at 19 s", Priority.HIGH, 19 * s);
        queue.offer("high at 21 s", Priority.HIGH, 21 * s);
        assertEquals("high at 19 s", queue.poll().orElseThrow().task());
        assertEquals("low", queue.poll().orElseThrow().task());
    }

    @Test
    void capacityRemovalAndPuttingBack() {
        TaskQueue<String> queue = new TaskQueue<>(Duration.ofSeconds(10), 2);
        assertTrue(queue.offer("a", Priority.NORMAL, 5));
        assertFalse(queue.offer("a", Priority.NORMAL, 6), "a task is in the queue at most once");
        assertTrue(queue.offer("b", Priority.LOW, 6));
        assertFalse(queue.offer("c", Priority.HIGH, 7), "full");
        assertEquals(2, queue.size());
        assertEquals("a", queue.remove("a").orElseThrow().task());
        assertTrue(queue.remove("a").isEmpty());
        TaskQueue.Waiting<String> b = queue.poll().orElseThrow();
        assertEquals(10, b.waited(16));
        assertTrue(queue.offer("b", b.priority(), b.since()), "put back with its first time");
        assertEquals(6, queue.peek().orElseThrow().since());
        assertThrows(IllegalArgumentException.class, () -> new TaskQueue<String>(Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new TaskQueue<String>(Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> Priority.parse("urgent"));
        assertEquals(Priority.HIGH, Priority.parse(" High "));
    }
}
