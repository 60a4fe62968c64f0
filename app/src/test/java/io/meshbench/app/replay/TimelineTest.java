package io.meshbench.app.replay;

import io.meshbench.app.AuctionEvents;
import io.meshbench.app.auctions.AuctionsController;
import io.meshbench.app.auctions.AuctionSummary;
import io.meshbench.app.graph.GraphController;
import io.meshbench.app.graph.DeviceSnapshot;
import io.meshbench.app.views.Speed;
import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay's timeline, and views fed by its moves, without the toolkit and without a clock. */
class TimelineTest {

    private static final long MS = 1_000_000L;
    private static final long T0 = 1_700_000_000_000L * MS;

    /** Two auctions, a second apart, with a metric sample of Device_C between them. */
    private static List<MeshEvent> recording() {
        List<MeshEvent> events = new ArrayList<>(AuctionEvents.won("task_1", T0));
        events.add(new MeshEvent.MetricSampled(T0 + 500 * MS, "Device_C", 0.9, 0.5, 40, 0));
        events.addAll(AuctionEvents.won("task_2", T0 + 1000 * MS));
        return events;
    }

    @Test
    void stepsMessageByMessageForwardsAndBack() {
        List<MeshEvent> events = recording();
        Timeline timeline = new Timeline(events, 0);
        long sends = events.stream().filter(e -> e instanceof MeshEvent.MessageSent).count();
        assertEquals(sends, timeline.messages());
        List<Integer> positions = new ArrayList<>();
        while (!timeline.atEnd()) {
            Timeline.Move move = timeline.stepForward();
            assertFalse(move.rebuild());
            positions.add(timeline.position());
            assertTrue(timeline.atEnd() || events.get(timeline.position() - 1) instanceof MeshEvent.MessageSent,
                    "each step stops just after a message is sent");
        }
        assertEquals(sends + 1, positions.size(), "one step per message, then to the end");
        for (int i = positions.size() - 2; i >= 0; i--) {
            Timeline.Move back = timeline.stepBack();
            assertTrue(back.rebuild(), "going back rebuilds the views from the start");
            assertEquals(positions.get(i), timeline.position());
        }
        timeline.stepBack();
        assertEquals(0, timeline.position());
    }

    @Test
    void playsAtTheChosenSpeedAgainstTheWallClock() {
        Timeline timeline = new Timeline(recording(), 0);
        timeline.play(0);
        Timeline.Move first = timeline.tick(50 * MS);
        assertEquals(0, first.from());
        assertTrue(timeline.time() <= T0 + 50 * MS, "nothing recorded after 50 ms is shown");
        assertTrue(timeline.position() < 19, "the first result came at 102 ms");
        timeline.setSpeed(new Speed(10), 50 * MS);
        timeline.tick(150 * MS);
        assertTrue(timeline.time() <= T0 + 1050 * MS && timeline.time() > T0 + 500 * MS, "100 ms more at 10x is a second on");
        timeline.setSpeed(Speed.AS_FAST_AS_POSSIBLE, 150 * MS);
        timeline.tick(151 * MS);
        assertTrue(timeline.atEnd());
        assertFalse(timeline.playing(), "it stops at the end");
        assertTrue(timeline.play(200 * MS).rebuild(), "playing at the end starts over");
    }

    @Test
    void seeksByEventTimeAndShareAndRefusesPositionsOutside() {
        Timeline timeline = new Timeline(recording(), 0);
        timeline.seekTime(T0 + 500 * MS);
        assertEquals(20, timeline.position(), "the first auction's 19 events and the sample");
        timeline.seekFraction(1);
        assertTrue(timeline.atEnd());
        timeline.seekFraction(0);
        assertEquals(3, timeline.position(), "the three events at the very start: the auction opened, two bid requests sent");
        assertThrows(IllegalArgumentException.class, () -> timeline.seek(-1));
        assertThrows(IllegalArgumentException.class, () -> timeline.seek(timeline.size() + 1));
    }

    @Test
    void viewsRebuiltAfterASeekBackShowTheMeshAsItWasThen() {
        List<MeshEvent> events = recording();
        Timeline timeline = new Timeline(events, 0);
        Views views = new Views();
        views.apply(timeline.seek(events.size()), events);
        assertEquals(2, views.auctions.auctions().size());
        assertEquals(0.321, cpu(views, "Device_C"), "from its last bid");

        views.apply(timeline.seekTime(T0 + 600 * MS), events);
        assertEquals(0.9, cpu(views, "Device_C"), "from the sample between the auctions");
        List<AuctionSummary> then = views.auctions.auctions();
        assertEquals(1, then.size(), "only the first auction had begun");
        assertEquals("COMPLETED", then.getFirst().state());

        views.apply(timeline.seek(3), events);
        assertEquals("BIDDING", views.auctions.auctions().getFirst().state());
        assertTrue(views.auctions.auctions().getFirst().winner().isEmpty(), "no winner yet three events in");
    }

    private static double cpu(Views views, String id) {
        return views.graph.devices().stream().filter(d -> d.id().equals(id)).mapToDouble(DeviceSnapshot::cpuLoad)
                .findFirst().orElseThrow();
    }

    /** What MeshViews does with a move, for two of its views. */
    private static final class Views {
        GraphController graph;
        AuctionsController auctions;

        Views() {
            reset();
        }

        void reset() {
            RecordedMesh mesh = RecordedMesh.of(recording());
            graph = new GraphController(mesh.devices(), () -> 0L);
            auctions = new AuctionsController(mesh.orchestratorId());
        }

        void apply(Timeline.Move move, List<MeshEvent> events) {
            if (move.rebuild()) {
                reset();
            }
            List<MeshEvent> batch = events.subList(move.from(), move.to());
            graph.onEvents(batch);
            auctions.onEvents(batch);
        }
    }
}
