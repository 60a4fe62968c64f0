package io.meshbench.auction;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact memory of ended tasks answers as the linked hash set it replaced, bound and order of forgetting included. */
class EndedTasksTest {

    private static Set<String> reference(int capacity) {
        return Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    private static String id(long n, int hex) {
        String h = Integer.toHexString(hex);
        return "task_" + n + "_" + "00000000".substring(h.length()) + h;
    }

    @Test
    void answersAsALinkedHashSetBoundedToItsCapacity() {
        for (int capacity : new int[] {1, 5, 16, 100, 4096}) {
            SplittableRandom random = new SplittableRandom(capacity);
            EndedTasks ended = new EndedTasks(capacity);
            Set<String> expected = reference(capacity);
            List<String> seen = new ArrayList<>();
            for (int n = 1; n <= 20_000; n++) {
                // tasks end out of order, some twice; ids collide in their low bits on purpose
                String task = random.nextInt(4) == 0 && !seen.isEmpty() ? seen.get(random.nextInt(seen.size()))
                        : id(n, random.nextInt(3) == 0 ? n * 65_536 : random.nextInt());
                seen.add(task);
                ended.add(task);
                expected.add(task);
                String probe = seen.get(random.nextInt(seen.size()));
                assertEquals(expected.contains(probe), ended.contains(probe), probe + " at capacity " + capacity);
            }
            assertEquals(expected.size(), ended.size());
            for (String task : seen) {
                assertEquals(expected.contains(task), ended.contains(task), task + " at capacity " + capacity);
            }
        }
    }

    @Test
    void onlyTheExactIdMatches() {
        EndedTasks ended = new EndedTasks(10);
        ended.add("task_12_00ab00ff");
        assertTrue(ended.contains("task_12_00ab00ff"));
        for (String other : List.of("task_012_00ab00ff", "task_12_00AB00FF", "task_12_00ab00fe", "task_13_00ab00ff",
                "task_12_0ab00ff", "task_12_000ab00ff", "task__00ab00ff", "job_12_00ab00ff", "task_12-00ab00ff", "")) {
            assertFalse(ended.contains(other), other);
        }
    }

    @Test
    void idsOfAnotherFormAreRememberedToo() {
        EndedTasks ended = new EndedTasks(2);
        for (String id : List.of("a", "task_99999999999_00000001", "task_0_00000001", "b")) {
            ended.add(id);
        }
        assertFalse(ended.contains("a"), "the eldest is forgotten past the bound");
        assertFalse(ended.contains("task_99999999999_00000001"));
        assertTrue(ended.contains("task_0_00000001"));
        assertTrue(ended.contains("b"));
    }
}
