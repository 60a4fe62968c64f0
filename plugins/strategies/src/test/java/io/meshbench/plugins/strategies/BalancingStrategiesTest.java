package io.meshbench.plugins.strategies;

import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** least-finish and fastest-expected against cases worked out by hand. */
class BalancingStrategiesTest {

    private static Bid bid(String id, double cpu, boolean npu) {
        return new Bid(id, OptionalDouble.of(cpu), OptionalDouble.of(0.5), OptionalInt.of(80), npu);
    }

    /** Outstanding tasks and history seconds ("B:npu" -> 3.0) by device. */
    private static AuctionInfo info(Map<String, Integer> outstanding, Map<String, Double> history, long seed) {
        return new AuctionInfo() {
            @Override
            public int outstanding(String deviceId) {
                return outstanding.getOrDefault(deviceId, 0);
            }

            @Override
            public OptionalDouble expectedSeconds(String deviceId, boolean npu) {
                Double s = history.get(deviceId + (npu ? ":npu" : ":cpu"));
                return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
            }

            @Override
            public long seed() {
                return seed;
            }
        };
    }

    private static AuctionInfo outstanding(Map<String, Integer> outstanding) {
        return info(outstanding, Map.of(), 0);
    }

    private static List<String> order(Selection s) {
        return s.ranking().stream().map(Bid::deviceId).toList();
    }

    private final Bid b = bid("Device_B", 0.452, true);
    private final Bid c = bid("Device_C", 0.0, false);
    private final Bid d = bid("Device_D", 0.6, true);

    // ---- least-finish ------------------------------------------------------------------------------

    @Test
    void withNothingOutstandingItIsTheOriginalRule() {
        Selection s = new LeastFinishStrategy().select(List.of(b, bid("Device_C", 0.321, false)));
        assertEquals("Device_B", s.winner().deviceId());
        assertEquals("Idle NPU", s.rule());
        assertEquals("Device_B is the only idle NPU device (no task outstanding, CPU load 45.20%)", s.reason());
    }

    @Test
    void anIdleNpuWinsOverABusyOneWhateverItsCpuLoad() {
        // B: 1 outstanding, finish 2; D idle, finish 1 (though its CPU is at 60%); C: 2.5
        Selection s = new LeastFinishStrategy().select(List.of(b, c, d), outstanding(Map.of("Device_B", 1)));
        assertEquals(List.of("Device_D", "Device_B", "Device_C"), order(s));
        assertEquals("Idle NPU", s.rule());
        assertEquals("Device_D is the only idle NPU device (no task outstanding, CPU load 60.00%)", s.reason());
    }

    @Test
    void aBusyNpuWinsOverAnIdleCpuUntilTwoTasksWait() {
        // B: 1 outstanding -> 2.00; D: 2 -> 3.00; C idle at 0% -> 2.50
        Selection s = new LeastFinishStrategy().select(List.of(b, c, d), outstanding(Map.of("Device_B", 1, "Device_D", 2)));
        assertEquals(List.of("Device_B", "Device_C", "Device_D"), order(s));
        assertEquals("Least Expected Finish", s.rule());
        assertEquals("Device_B (NPU, 1 task outstanding, expected finish 2.00 NPU tasks) finishes first of 3 bidders; "
                + "next Device_C (CPU 0.00%, 0 tasks outstanding, expected finish 2.50 NPU tasks)", s.reason());
        // B: 2 -> 3.00; D: 3 -> 4.00; C: 2.50 wins
        Selection spill = new LeastFinishStrategy().select(List.of(b, c, d),
                outstanding(Map.of("Device_B", 2, "Device_D", 3)));
        assertEquals(List.of("Device_C", "Device_B", "Device_D"), order(spill));
    }

    @Test
    void aLoadedCpuCountsSlower() {
        // C at 60% CPU: 2.5 x 1.6 = 4.00, beaten by B with 2 outstanding (3.00)
        Selection s = new LeastFinishStrategy().select(List.of(b, bid("Device_C", 0.6, false)),
                outstanding(Map.of("Device_B", 2)));
        assertEquals("Device_B", s.winner().deviceId());
        assertEquals(4.0, LeastFinishStrategy.finish(bid("Device_C", 0.6, false), AuctionInfo.NONE), 1e-9);
    }

    @Test
    void overAThousandBidsTheBetterOfTwoRandomNpusWinsAndTheChoicesSpread() {
        List<Bid> bids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            bids.add(bid(String.format("Phone_%04d", i), (i % 10) / 10.0, i % 2 == 0));
        }
        Set<String> winners = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            Selection s = new LeastFinishStrategy().select(bids, info(Map.of(), Map.of(), seed));
            assertNull(s.problemWith(bids));
            assertEquals("Power of Two Choices", s.rule());
            assertTrue(s.winner().hasNpu(), s.reason());
            assertTrue(s.reason().endsWith("the two drawn at random from 1,000 NPU bidders"), s.reason());
            assertEquals(s.winner(), new LeastFinishStrategy().select(bids, info(Map.of(), Map.of(), seed)).winner(),
                    "the same auction, the same choice");
            winners.add(s.winner().deviceId());
        }
        assertTrue(winners.size() > 80, "100 auctions spread over " + winners.size() + " devices, not one");
    }

    @Test
    void twoChoicesPreferTheOneThatFinishesFirst() {
        // Every NPU busy with 3 tasks but Phone_0000: whichever pair is drawn, a busy one never beats an idle one.
        List<Bid> bids = new ArrayList<>();
        java.util.Map<String, Integer> busy = new java.util.HashMap<>();
        for (int i = 0; i < 1000; i++) {
            String id = String.format("Phone_%04d", i);
            bids.add(bid(id, 0.5, true));
            busy.put(id, i < 998 ? 3 : 0);
        }
        for (long seed = 0; seed < 50; seed++) {
            Selection s = new LeastFinishStrategy().select(bids, info(busy, Map.of(), seed));
            String reason = s.reason();
            if (reason.contains("Phone_0998") || reason.contains("Phone_0999")) {
                assertTrue(s.winner().deviceId().equals("Phone_0998") || s.winner().deviceId().equals("Phone_0999"), reason);
            }
        }
    }

    // ---- fastest-expected --------------------------------------------------------------------------

    @Test
    void aColdStartDecidesFromTheBids() {
        Selection s = new FastestExpectedStrategy().select(List.of(b, bid("Device_C", 0.321, false)));
        assertEquals("Device_B", s.winner().deviceId());
        assertEquals("Cold Start", s.rule());
        assertEquals("Device_B (NPU, 1.00 units a task from its bid, 0 ahead: done in 1.00 units) is expected to "
                + "finish first of 2 bidders; next Device_C (CPU, 3.30 units a task from its bid, 0 ahead: done in "
                + "3.30 units)", s.reason());
    }

    @Test
    void anNpuThatProvedSlowerThanAnotherPhonesCpuLoses() {
        AuctionInfo history = info(Map.of(), Map.of("Device_B:npu", 3.0, "Device_C:cpu", 1.2), 0);
        Selection s = new FastestExpectedStrategy().select(List.of(b, c), history);
        assertEquals(List.of("Device_C", "Device_B"), order(s));
        assertEquals("Fastest Expected", s.rule());
        assertEquals("Device_C (CPU, 1.20 s a task from history, 0 ahead: done in 1.20 s) is expected to finish first "
                + "of 2 bidders; next Device_B (NPU, 3.00 s a task from history, 0 ahead: done in 3.00 s)", s.reason());
        // with two tasks ahead of it, C finishes at 3.60 s: B's 3.00 s wins
        AuctionInfo queued = info(Map.of("Device_C", 2), Map.of("Device_B:npu", 3.0, "Device_C:cpu", 1.2), 0);
        assertEquals("Device_B", new FastestExpectedStrategy().select(List.of(b, c), queued).winner().deviceId());
    }

    @Test
    void aColdBidderIsPricedInTheSecondsOfThoseWithHistory() {
        // B: 1.0 s from history, its count 1 -> 1.0 s a unit; C cold at 20% CPU: 2.5 x 1.2 x 1.0 = 3.00 s
        Bid cold = bid("Device_C", 0.2, false);
        AuctionInfo history = info(Map.of("Device_B", 3), Map.of("Device_B:npu", 1.0), 0);
        Selection s = new FastestExpectedStrategy().select(List.of(b, cold), history);
        assertEquals("Device_C", s.winner().deviceId(), "B done in 4.00 s, C in 3.00 s");
        assertEquals("Cold Start", s.rule());
        assertTrue(s.reason().startsWith("Device_C (CPU, 3.00 s a task from its bid, 0 ahead: done in 3.00 s)"), s.reason());
    }

    @Test
    void tiesFallBackToTheOriginalOrder() {
        Bid npu = bid("Device_Z", 0.9, true);
        Bid cpu = bid("Device_A", 0.0, false);
        AuctionInfo same = info(Map.of(), Map.of("Device_Z:npu", 2.0, "Device_A:cpu", 2.0), 0);
        assertEquals("Device_Z", new FastestExpectedStrategy().select(List.of(cpu, npu), same).winner().deviceId());
        assertEquals("Device_Z", new FastestExpectedStrategy().select(List.of(npu, cpu), same).winner().deviceId());
    }
}
