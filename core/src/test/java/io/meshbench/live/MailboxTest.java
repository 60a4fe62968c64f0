package io.meshbench.live;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One input at a time, in order; on the bringer's thread when idle; flushed at idle and while busy. */
class MailboxTest {

    private static Mailbox mailbox(List<String> errors) {
        return new Mailbox("node-test", 1000, new Mailbox.Trouble() {
            @Override
            public void failed(RuntimeException e) {
                errors.add(e.toString());
            }

            @Override
            public void full(int limit) {
                errors.add("full " + limit);
            }
        });
    }

    @Test
    void anIdleMailboxRunsTheInputOnTheCallersThreadAndFlushesAfterIt() throws Exception {
        List<String> errors = new ArrayList<>();
        Mailbox box = mailbox(errors);
        List<String> seen = new ArrayList<>();
        AtomicInteger flushes = new AtomicInteger();
        box.onIdle(flushes::incrementAndGet);
        Thread caller = Thread.currentThread();
        box.run(() -> seen.add(Thread.currentThread() == caller ? "here" : "elsewhere"));
        assertEquals(List.of("here"), seen);
        assertEquals(1, flushes.get(), "what the input held left when the runner stopped");
        box.close(2000);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aBusyRunnerKeepsTheOrderFlushesEverySixteenAndHandsTheRestToTheNodesThread() throws Exception {
        List<String> errors = new ArrayList<>();
        Mailbox box = mailbox(errors);
        List<Integer> order = new ArrayList<>();
        List<Integer> flushedAfter = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        box.onIdle(() -> flushedAfter.add(order.size()));
        int count = 200;
        CountDownLatch done = new CountDownLatch(1);
        box.run(() -> {
            // Queued while this input runs: they find the mailbox owned and wait for this runner.
            for (int i = 0; i < count; i++) {
                int n = i;
                box.run(() -> {
                    order.add(n);
                    threads.add(Thread.currentThread().getName());
                    assertTrue(box.runningHere());
                    if (n == count - 1) {
                        done.countDown();
                    }
                });
            }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        box.close(2000);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(i);
        }
        assertEquals(expected, order, "every input, once, in the order it came");
        assertTrue(flushedAfter.contains(Mailbox.FLUSH_EVERY - 1),
                "flushed after 16 inputs in a row though more waited: " + flushedAfter);
        assertTrue(threads.getLast().equals("node-test"), "past the budget the node's thread took over: " + threads.getLast());
        assertTrue(!box.runningHere(), "the caller runs nothing once it let go");
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
