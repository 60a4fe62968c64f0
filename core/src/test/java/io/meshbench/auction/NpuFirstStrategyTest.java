package io.meshbench.auction;

import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpuFirstStrategyTest {

    private final NpuFirstStrategy strategy = new NpuFirstStrategy();

    static Bid bid(String id, double cpu, double ram, int battery, boolean npu) {
        return new Bid(id, OptionalDouble.of(cpu), OptionalDouble.of(ram), OptionalInt.of(battery), npu);
    }

    static Bid unknownCpu(String id, boolean npu) {
        return new Bid(id, OptionalDouble.empty(), OptionalDouble.of(0.1), OptionalInt.of(100), npu);
    }

    private static List<String> ids(Selection selection) {
        return selection.ranking().stream().map(Bid::deviceId).toList();
    }

    @Test
    void nameAndTitle() {
        assertEquals("npu-first", strategy.name());
        assertEquals("NPU-First Strategy", strategy.title());
    }

    @Test
    void seedExampleNpuDeviceWinsOverLowerCpu() {
        Bid b = bid("Device_B", 0.452, 0.60, 85, true);
        Bid c = bid("Device_C", 0.321, 0.50, 92, false);

        Selection s = strategy.select(List.of(b, c));

        assertEquals(List.of("Device_B", "Device_C"), ids(s));
        assertEquals(b, s.winner());
        assertEquals("NPU Priority", s.rule());
        assertTrue(s.reason().startsWith("Device_B "), s.reason());
        assertTrue(s.reason().contains("only bidder with an NPU"), s.reason());
        assertTrue(s.reason().contains(String.format("%.2f%%", 45.2)), s.reason());
    }

    @Test
    void amongNpuDevicesLowestCpuWins() {
        Bid a = bid("Device_A", 0.70, 0.2, 90, true);
        Bid b = bid("Device_B", 0.30, 0.9, 10, true);
        Bid c = bid("Device_C", 0.05, 0.1, 99, false);

        Selection s = strategy.select(List.of(a, b, c));

        assertEquals(List.of("Device_B", "Device_A", "Device_C"), ids(s));
        assertEquals("NPU Priority", s.rule());
        assertTrue(s.reason().contains("Device_B"), s.reason());
        assertTrue(s.reason().contains("of the 2 bidders with an NPU"), s.reason());
    }

    @Test
    void withoutNpuLowestCpuWinsByCpuFallback() {
        Bid b = bid("Device_B", 0.452, 0.60, 85, false);
        Bid c = bid("Device_C", 0.321, 0.70, 92, false);
        Bid d = bid("Device_D", 0.900, 0.10, 100, false);

        Selection s = strategy.select(List.of(b, c, d));

        assertEquals(List.of("Device_C", "Device_B", "Device_D"), ids(s));
        assertEquals("CPU Fallback", s.rule());
        assertTrue(s.reason().contains("no bidder has an NPU"), s.reason());
        assertTrue(s.reason().contains("Device_C"), s.reason());
        assertTrue(s.reason().contains("of 3 bidders"), s.reason());
    }

    @Test
    void singleBidderWins() {
        Selection s = strategy.select(List.of(bid("Device_C", 0.5, 0.5, 50, false)));
        assertEquals(List.of("Device_C"), ids(s));
        assertEquals("CPU Fallback", s.rule());
        assertTrue(s.reason().contains("of 1 bidder"), s.reason());
    }

    @Test
    void unknownCpuRanksLast() {
        Bid unknown = unknownCpu("Device_A", false);
        Bid busy = bid("Device_B", 1.0, 0.9, 1, false);
        Bid idle = bid("Device_C", 0.1, 0.9, 1, false);

        Selection s = strategy.select(List.of(unknown, busy, idle));

        assertEquals(List.of("Device_C", "Device_B", "Device_A"), ids(s));
    }

    @Test
    void unknownCpuOnNpuStillBeatsCpuOnlyButLosesToKnownNpu() {
        Bid npuUnknown = unknownCpu("Device_A", true);
        Bid npuBusy = bid("Device_B", 0.99, 0.9, 5, true);
        Bid cpuIdle = bid("Device_C", 0.01, 0.1, 100, false);

        Selection s = strategy.select(List.of(npuUnknown, cpuIdle, npuBusy));

        assertEquals(List.of("Device_B", "Device_A", "Device_C"), ids(s));
        assertEquals("NPU Priority", s.rule());
    }

    @Test
    void unknownCpuWinnerIsReportedAsUnknown() {
        Selection s = strategy.select(List.of(unknownCpu("Device_A", false)));
        assertEquals("CPU Fallback", s.rule());
        assertTrue(s.reason().contains("Device_A"), s.reason());
        assertTrue(s.reason().contains("unknown"), s.reason());
    }

    @Test
    void tiesBrokenByRamThenBatteryThenDeviceId() {
        // same CPU: lower RAM first
        assertEquals(List.of("Device_C", "Device_B"),
                ids(strategy.select(List.of(bid("Device_B", 0.3, 0.5, 90, false), bid("Device_C", 0.3, 0.4, 10, false)))));
        // same CPU and RAM: higher battery first
        assertEquals(List.of("Device_C", "Device_B"),
                ids(strategy.select(List.of(bid("Device_B", 0.3, 0.5, 80, false), bid("Device_C", 0.3, 0.5, 90, false)))));
        // all equal: device id in alphabetical order
        assertEquals(List.of("Device_B", "Device_C"),
                ids(strategy.select(List.of(bid("Device_C", 0.3, 0.5, 80, false), bid("Device_B", 0.3, 0.5, 80, false)))));
        // unknown RAM ranks after known RAM, unknown battery after known battery
        Bid noRam = new Bid("Device_A", OptionalDouble.of(0.3), OptionalDouble.empty(), OptionalInt.of(100), false);
        Bid noBattery = new Bid("Device_B", OptionalDouble.of(0.3), OptionalDouble.of(0.5), OptionalInt.empty(), false);
        Bid full = bid("Device_C", 0.3, 0.5, 0, false);
        assertEquals(List.of("Device_C", "Device_B", "Device_A"), ids(strategy.select(List.of(noRam, noBattery, full))));
    }

    @Test
    void rankingDoesNotDependOnInputOrderAndLeavesInputAlone() {
        List<Bid> bids = List.of(
                bid("Device_A", 0.3, 0.5, 80, false),
                bid("Device_B", 0.3, 0.5, 80, false),
                bid("Device_C", 0.3, 0.4, 80, false),
                bid("Device_D", 0.6, 0.1, 100, true),
                unknownCpu("Device_E", false));
        List<String> expected = List.of("Device_D", "Device_C", "Device_A", "Device_B", "Device_E");
        for (List<Bid> order : permutations(bids)) {
            List<Bid> input = new ArrayList<>(order);
            Selection s = strategy.select(input);
            assertEquals(expected, ids(s), "input order " + order);
            assertEquals(order, input, "the strategy must not reorder its input");
        }
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
