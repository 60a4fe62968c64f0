package io.meshbench.plugins.strategies;

import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategiesTest {

    private static Bid bid(String id, double cpu, double ram, Integer battery, boolean npu) {
        return new Bid(id, OptionalDouble.of(cpu), OptionalDouble.of(ram),
                battery == null ? OptionalInt.empty() : OptionalInt.of(battery), npu);
    }

    private static List<String> order(Selection s) {
        return s.ranking().stream().map(Bid::deviceId).toList();
    }

    // The original design's example: B has an NPU (45.2%, 85%), C has none (32.1%, 92%).
    private final List<Bid> seed = List.of(bid("Device_B", 0.452, 0.60, 85, true), bid("Device_C", 0.321, 0.45, 92, false));

    @Test
    void lowestCpuIgnoresTheNpu() {
        Selection s = new LowestCpuStrategy().select(seed);
        assertEquals(List.of("Device_C", "Device_B"), order(s));
        assertEquals("Device_C has the lowest CPU load (32.10%) of 2 bidders", s.reason());
    }

    @Test
    void weightedScoresAreTheDocumentedSum() {
        // B: 0.40*0.548 + 0.15*0.40 + 0.20*0.85 + 0.25 = 0.6992; C: 0.40*0.679 + 0.15*0.55 + 0.20*0.92 = 0.5381
        assertEquals(0.6992, WeightedStrategy.score(seed.get(0)), 1e-9);
        assertEquals(0.5381, WeightedStrategy.score(seed.get(1)), 1e-9);
        Selection s = new WeightedStrategy().select(seed);
        assertEquals("Device_B", s.winner().deviceId());
        assertTrue(s.reason().contains("0.699") && s.reason().contains("next is Device_C with 0.538"), s.reason());
        Bid unknown = new Bid("Device_U", OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), false);
        assertEquals(0.0, WeightedStrategy.score(unknown), "an unknown scores as the worst");
    }

    @Test
    void batteryAwareSkipsALowBatteryUnlessAllAreLow() {
        List<Bid> bids = List.of(bid("Device_B", 0.1, 0.5, 15, true), bid("Device_C", 0.5, 0.5, 60, false),
                bid("Device_D", 0.2, 0.5, null, false));
        Selection s = new BatteryAwareStrategy().select(bids);
        assertEquals(List.of("Device_D", "Device_C", "Device_B"), order(s), "no battery counts as above the floor");
        assertTrue(s.reason().contains("1 bidder is under the 20% battery floor"), s.reason());

        Selection low = new BatteryAwareStrategy().select(List.of(bid("Device_B", 0.9, 0.5, 5, true),
                bid("Device_C", 0.1, 0.5, 19, false)));
        assertEquals("Device_B", low.winner().deviceId(), "all under the floor: NPU first as usual");
        assertEquals("Low Battery Fallback", low.rule());
    }

    @Test
    void tiesAreBrokenTheSameWayWhateverTheOrder() {
        Bid a = bid("Device_A", 0.5, 0.5, 50, false);
        Bid b = bid("Device_B", 0.5, 0.5, 50, false);
        for (var strategy : List.of(new LowestCpuStrategy(), new WeightedStrategy(), new BatteryAwareStrategy())) {
            assertEquals(order(strategy.select(List.of(a, b))), order(strategy.select(List.of(b, a))), strategy.name());
        }
    }
}
