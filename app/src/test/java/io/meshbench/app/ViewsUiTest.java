package io.meshbench.app;

import io.meshbench.live.MeshSession;
import io.meshbench.app.auctions.AuctionsController;
import io.meshbench.app.charts.ChartsController;
import io.meshbench.app.sequence.Arrow;
import io.meshbench.app.sequence.SequenceController;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.Selection;
import javafx.geometry.Bounds;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static io.meshbench.app.FxViews.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mesh's views, each in a window of its own at a size a user has, fed the events of a mesh of
 * 40 devices, driven headless by TestFX on Monocle: what a user sees of them.
 */
class ViewsUiTest {

    private final FxRobot robot = new FxRobot();

    @org.junit.jupiter.api.BeforeAll
    static void toolkit() throws Exception {
        FxViews.toolkit();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static List<MeshSession.Device> devices(int n) {
        List<MeshSession.Device> devices = new ArrayList<>();
        devices.add(new MeshSession.Device("Device_A", null, true, true));
        for (int i = 1; i <= n; i++) {
            devices.add(new MeshSession.Device(String.format("Phone_%04d", i), i % 5 == 0, false, true));
        }
        return devices;
    }

    @Test
    void theBidsTableShowsTheWinnerEvenWhenItBidLastAmongForty() throws Exception {
        AuctionsController auctions = new AuctionsController("Device_A");
        FxViews.show(auctions::view, 640, 700);
        String task = "task_1_00000001";
        List<Bid> bids = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            bids.add(new Bid(String.format("Phone_%04d", i), OptionalDouble.of(0.9 - i / 100.0), OptionalDouble.of(0.5),
                    OptionalInt.of(80), i == 40));
        }
        Bid winner = bids.get(39);
        List<Bid> ranking = new ArrayList<>(bids);
        ranking.remove(winner);
        ranking.addFirst(winner);
        List<MeshEvent> events = new ArrayList<>();
        events.add(new MeshEvent.AuctionOpened(1, "Device_A", task, "Hi",
                bids.stream().map(Bid::deviceId).toList(), 10_000_000_000L));
        for (Bid b : bids) {
            events.add(new MeshEvent.BidAccepted(2, "Device_A", task, b));
        }
        events.add(new MeshEvent.AuctionClosed(3, "Device_A", task, "npu-first", "NPU-First Strategy", bids,
                new Selection(ranking, "NPU Priority", "Phone_0040 is the only bidder with an NPU"), io.meshbench.event.ClosedBy.ALL_BIDS, List.of()));
        onFx(() -> {
            auctions.onEvents(events);
            return null;
        });
        FxViews.frames(auctions::onFrame, 1_000_000_000L, 3);
        TableView<?> table = robot.lookup("#bids-table").queryAs(TableView.class);
        assertTrue(onFx(() -> winnerRowInView(table, "Phone_0040")),
                "the winner's row is in view without scrolling (it bid last of 40)");
        assertTrue(onFx(table::getHeight) > 24 * 6, "more than three rows of a big auction show");
    }

    private static boolean winnerRowInView(TableView<?> table, String winner) {
        Bounds view = table.localToScene(table.getLayoutBounds());
        for (javafx.scene.Node n : table.lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> row && row.getItem() instanceof Bid b && b.deviceId().equals(winner)
                    && row.isVisible()) {
                Bounds r = row.localToScene(row.getLayoutBounds());
                return r.getMinY() >= view.getMinY() && r.getMaxY() <= view.getMaxY()
                        && row.getStyleClass().contains("winner-row");
            }
        }
        return false;
    }

    private static List<MeshEvent> traffic(List<MeshSession.Device> devices, int messages, long t0) {
        List<MeshEvent> events = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            String peer = devices.get(1 + (i % (devices.size() - 1))).id();
            // the first ten devices get most of the traffic: the busiest
            if (i % 3 != 0) {
                peer = devices.get(1 + (i % Math.min(10, devices.size() - 1))).id();
            }
            events.add(new MeshEvent.MessageSent(t0 + i * 1_000_000L, "Device_A", peer, "BID_REQUEST",
                    "task_" + i, "BID_REQUEST|Device_A|{\"task_id\": \"task_" + i + "\"}"));
        }
        return events;
    }

    @Test
    void atFortyDevicesTheSequenceChartShowsReadableLifelinesAndGroupsTheRest() throws Exception {
        List<MeshSession.Device> devices = devices(40);
        SequenceController sequence = new SequenceController(devices);
        FxViews.show(sequence::view, 700, 500);
        onFx(() -> {
            sequence.onEvents(traffic(devices, 600, 1_000_000_000L));
            sequence.togglePin("Phone_0033");
            return null;
        });
        FxViews.frames(sequence::onFrame, 10_000_000_000L, 2);
        List<String> lines = onFx(sequence::drawnLifelines);
        // the chart's own width: the shared test stage may be wider than asked when an earlier test sized it
        double span = (onFx(sequence::drawnWidth) - 92 - 10) / lines.size();
        assertTrue(span >= 72, "each lifeline has room for its name: " + span + " px for " + lines);
        assertTrue(lines.size() < 41, "not every one of 41 lifelines: " + lines);
        assertEquals("Device_A", lines.get(0), "the orchestrator first");
        assertTrue(lines.contains("Phone_0033"), "a pinned device is shown: " + lines);
        assertTrue(lines.contains("Phone_0002"), "a busy device is shown: " + lines);
        assertEquals("others", lines.getLast(), "the rest grouped in one lifeline");
    }

    @Test
    void aSequenceChartScrolledBackStaysPutWhileMessagesStreamIn() throws Exception {
        List<MeshSession.Device> devices = devices(5);
        SequenceController sequence = new SequenceController(devices);
        FxViews.show(sequence::view, 700, 500);
        onFx(() -> {
            sequence.onEvents(traffic(devices, 8_000, 1_000_000_000L));
            return null;
        });
        FxViews.frames(sequence::onFrame, 10_000_000_000L, 2);
        onFx(() -> {
            sequence.scrollTo(5_000); // then 9,000 more arrive: the oldest 2,000 drop out of the history
            return null;
        });
        FxViews.frames(sequence::onFrame, 20_000_000_000L, 2);
        Arrow top = onFx(sequence::topArrow);
        assertNotNull(top);
        for (int round = 0; round < 3; round++) {
            long t0 = 100_000_000_000L + round * 10_000_000_000L;
            onFx(() -> {
                sequence.onEvents(traffic(devices, 3_000, t0));
                return null;
            });
            FxViews.frames(sequence::onFrame, t0, 2);
            assertEquals(top.seq(), onFx(sequence::topArrow).seq(), "the arrows in view stay in view");
        }
    }

    @Test
    void deviceChartsHaveALegendATimeAxisAndColoursThatStayWhenADeviceIsAdded() throws Exception {
        ChartsController charts = new ChartsController();
        FxViews.show(charts::view, 600, 420);
        List<MeshEvent> samples = new ArrayList<>();
        for (int s = 0; s < 120; s++) {
            for (String id : List.of("Device_B", "Device_C", "Device_D")) {
                samples.add(new MeshEvent.MetricSampled(s * 1_000_000_000L, id, 0.3, 0.5, 80, 0));
            }
        }
        onFx(() -> {
            charts.onEvents(samples);
            return null;
        });
        FxViews.frames(charts::onFrame, 1_000_000_000L, 2);
        assertEquals(List.of("Device_B", "Device_C", "Device_D"), onFx(charts::legend));
        List<String> axis = onFx(charts::timeLabels);
        assertTrue(axis.contains("now") && axis.stream().anyMatch(l -> l.startsWith("−")), "a time axis: " + axis);
        Color b = onFx(() -> charts.colour("Device_B"));
        Color c = onFx(() -> charts.colour("Device_C"));
        onFx(() -> {
            charts.onEvents(List.of(new MeshEvent.MetricSampled(121_000_000_000L, "Device_AA", 0.2, 0.2, 90, 0)));
            return null;
        });
        FxViews.frames(charts::onFrame, 5_000_000_000L, 2);
        assertEquals(b, onFx(() -> charts.colour("Device_B")), "Device_B keeps its colour");
        assertEquals(c, onFx(() -> charts.colour("Device_C")), "Device_C keeps its colour");
        assertTrue(onFx(charts::legend).contains("Device_AA"));
    }
}
