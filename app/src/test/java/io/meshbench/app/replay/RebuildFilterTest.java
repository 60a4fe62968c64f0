package io.meshbench.app.replay;

import io.meshbench.app.AuctionEvents;
import io.meshbench.app.auctions.AuctionsController;
import io.meshbench.app.graph.GraphController;
import io.meshbench.app.sequence.Arrow;
import io.meshbench.app.sequence.SequenceController;
import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Views fed the filtered start of a recording show exactly what views fed all of it show. */
class RebuildFilterTest {

    private static final long MS = 1_000_000L;

    /** 2,000 auctions (12,000 arrows, more than the sequence chart keeps), a device lost and found, samples. */
    private static List<MeshEvent> recording() {
        List<MeshEvent> events = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long t0 = 1_000_000 * MS + i * 200 * MS;
            events.addAll(AuctionEvents.won("task_" + i, t0));
            events.add(new MeshEvent.MetricSampled(t0 + 150 * MS, "Device_C", i % 100 / 100.0, 0.4, 90 - i / 20, 0));
            if (i == 100) {
                events.add(new MeshEvent.DeliveryFailed(t0 + 160 * MS, "Device_A", "Device_C", "BID_REQUEST", "x", "refused"));
            }
            if (i == 1700) {
                events.add(new MeshEvent.DeliveryFailed(t0 + 160 * MS, "Device_A", "Device_B", "BID_REQUEST", "y", "refused"));
            }
        }
        return events;
    }

    private record Views(GraphController graph, AuctionsController auctions, SequenceController sequence) {
        static Views fed(List<MeshEvent> events) {
            RecordedMesh mesh = RecordedMesh.of(events);
            Views v = new Views(new GraphController(mesh.devices(), () -> 0L), new AuctionsController(mesh.orchestratorId()),
                    new SequenceController(mesh.devices(), RebuildFilter.HISTORY)); // as the replay window makes it
            v.graph.onEvents(events);
            v.auctions.onEvents(events);
            v.sequence.onEvents(events);
            return v;
        }

        List<String> arrows() {
            return sequence.visibleArrows().stream().map(RebuildFilterTest::describe).toList();
        }
    }

    private static String describe(Arrow a) {
        return a.sent() + " " + a.received() + " " + a.from() + ">" + a.to() + " " + a.type() + " " + a.taskId() + " " + a.failed();
    }

    @Test
    void leavesOutOldMessagesButNothingAViewStillShows() {
        List<MeshEvent> events = recording();
        RebuildFilter filter = new RebuildFilter(events);
        for (int to : new int[]{0, 1, 500, 5_000, 13_000, 13_011, 34_020, events.size() - 7, events.size()}) {
            List<MeshEvent> prefix = filter.prefix(to);
            Views full = Views.fed(events.subList(0, to));
            Views filtered = Views.fed(prefix);
            assertEquals(full.graph().devices(), filtered.graph().devices(), "graph at " + to);
            assertEquals(full.auctions().auctions(), filtered.auctions().auctions(), "auctions at " + to);
            assertEquals(full.auctions().completedProperty().get(), filtered.auctions().completedProperty().get());
            assertEquals(full.arrows(), filtered.arrows(), "sequence chart at " + to);
            if (to == events.size()) {
                // 24,000 message events, of which only those of the newest 4,100 arrows (and their receipts) count.
                assertTrue(prefix.size() <= to - 15_000, prefix.size() + " of " + to + " events fed");
            }
        }
    }
}
