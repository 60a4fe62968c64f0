package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.SummaryFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotDataTest {

    @Test
    void aQuickRunPlotsEachMeshByPeersEachStrategyByBidsAndOursAgainstTheSeed() throws Exception {
        BenchResults r = SummaryFile.read(Fixtures.after());
        Map<String, List<double[]>> latency = PlotData.latencyByPeers(r);
        assertEquals(List.of("virtual", "loopback", "process", "shell", "shell-per-bid"), List.copyOf(latency.keySet()));
        assertEquals(List.of(3.0, 10.0, 100.0), latency.get("loopback").stream().map(p -> p[0]).toList());
        double loopback3 = r.roundTrip("auction", "loopback", 3).map(x -> x.micros(x.p50())).orElseThrow();
        assertEquals(loopback3, latency.get("loopback").getFirst()[1]);
        Map<String, List<double[]>> selection = PlotData.selectionByBids(r);
        assertEquals(PlotData.STRATEGIES, List.copyOf(selection.keySet()));
        assertEquals(List.of(3.0, 10.0, 100.0, 1000.0, 10000.0), selection.get("weighted").stream().map(p -> p[0]).toList());
        List<PlotData.Bar> bars = PlotData.versusSeed(r);
        assertEquals(List.of("ours: state machines, virtual time", "ours: loopback, one JVM", "ours: node processes",
                "seed: shell agents, netcat", "seed: + its 500 ms CPU window"),
                bars.stream().map(PlotData.Bar::label).toList(), "measured bars only: no constant among them");
        assertTrue(bars.get(1).micros() < bars.get(3).micros(), "loopback beats netcat in this run");
    }
}
