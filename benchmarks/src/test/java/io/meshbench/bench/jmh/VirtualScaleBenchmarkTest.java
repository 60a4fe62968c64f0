package io.meshbench.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scale benchmark's operation, once and small: every auction it starts completes. No timing is asserted. */
class VirtualScaleBenchmarkTest {

    @Test
    void everyAuctionOfARunCompletes() {
        VirtualScaleBenchmark benchmark = new VirtualScaleBenchmark();
        benchmark.meshes = 3;
        benchmark.seconds = 7;
        benchmark.plugins();
        assertEquals(21, benchmark.auctions());
        assertEquals(21, benchmark.auctions(), "a second run in the same JVM starts afresh");
    }
}
