package io.meshbench.app.graph;

import io.meshbench.live.MeshSession;
import io.meshbench.app.FxViews;
import io.meshbench.event.MeshEvent;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.meshbench.app.FxViews.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mesh graph as a user sees it: its legend, its colours, its cards, and a device's inspector. */
class GraphViewUiTest {

    private final FxRobot robot = new FxRobot();

    @org.junit.jupiter.api.BeforeAll
    static void toolkit() throws Exception {
        FxViews.toolkit();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static GraphController graph(int devices, String prefix) {
        List<MeshSession.Device> list = new ArrayList<>();
        list.add(new MeshSession.Device("Device_A", null, true, true));
        for (int i = 1; i <= devices; i++) {
            list.add(new MeshSession.Device(String.format("%s%04d", prefix, i), i % 2 == 0, false, true));
        }
        return new GraphController(list, System::nanoTime);
    }

    @Test
    void theLegendNamesEveryEncodingOfTheGraph() throws Exception {
        GraphController graph = graph(40, "Phone_");
        FxViews.show(graph::view, 600, 500);
        Node legend = robot.lookup("#graph-legend").query();
        Set<String> entries = onFx(() -> legend.lookupAll(".legend-label").stream()
                .map(n -> ((Label) n).getText()).collect(Collectors.toSet()));
        for (String type : MessageColors.TYPES) {
            assertTrue(entries.contains(type), type + " in " + entries);
        }
        assertTrue(entries.contains("CPU load 0–100%"), "the dots' fill: " + entries);
        assertTrue(entries.contains("NPU"), "the NPU ring: " + entries);
        assertTrue(entries.contains("latest winner") && entries.contains("down"), entries.toString());
    }

    @Test
    void atAHundredDevicesNoNameIsDrawnOverAnotherAndTheWinnersIsShown() throws Exception {
        GraphController graph = graph(100, "Phone_");
        FxViews.show(graph::view, 560, 420);
        GraphView view = (GraphView) graph.view();
        onFx(() -> {
            graph.onEvents(List.of(new MeshEvent.AuctionClosed(1, "Device_A", "task_1", "npu-first", "NPU-First",
                    List.of(), new io.meshbench.plugin.api.Selection(List.of(new io.meshbench.plugin.api.Bid("Phone_0057",
                    java.util.OptionalDouble.of(0.1), java.util.OptionalDouble.of(0.1), java.util.OptionalInt.of(90), true)),
                    "NPU Priority", "why"), io.meshbench.event.ClosedBy.ALL_BIDS, List.of())));
            return null;
        });
        FxViews.frames(graph::onFrame, 1_000_000_000L, 2);
        java.util.Map<String, double[]> labels = onFx(() -> new java.util.LinkedHashMap<>(view.labelled()));
        assertTrue(labels.containsKey("Phone_0057"), "the winner's name is drawn");
        assertTrue(labels.size() >= 10, "names still fit where there is room: " + labels.size());
        double[] hub = onFx(() -> view.position("Device_A"));
        double[] card = onFx(() -> view.halfSize(view.model().devices.get("Device_A")));
        for (int i = 1; i <= 100; i++) {
            String id = String.format("Phone_%04d", i);
            double[] p = onFx(() -> view.position(id));
            boolean under = Math.abs(p[0] - hub[0]) < card[0] && Math.abs(p[1] - hub[1]) < card[1];
            assertTrue(!under, id + " is not hidden under the orchestrator's card");
        }
        List<double[]> boxes = new ArrayList<>(labels.values());
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean overlap = a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
                assertTrue(!overlap, "two names drawn over each other");
            }
        }
    }

    @Test
    void theNpuRingCannotBeTakenForAMessage() {
        for (String type : MessageColors.TYPES) {
            Color message = MessageColors.of(type);
            assertTrue(message.getSaturation() > 0.4, type + " is a saturated colour");
            double hueGap = Math.abs(message.getHue() - GraphView.NPU.getHue());
            boolean apart = GraphView.NPU.getSaturation() < 0.15 || Math.min(hueGap, 360 - hueGap) > 45;
            assertTrue(apart, "the NPU ring " + GraphView.NPU + " stands apart from " + type + " " + message);
        }
    }

    @Test
    void aCardsNameIsNeverCoveredByItsBadge() throws Exception {
        for (String id : List.of("Phone_0001", "Device_B", "npu-flagship-0042", "Sim_001")) {
            GraphModel.Device d = new GraphModel.Device(id);
            d.npu = true;
            double[] nameAndBadge = onFx(() -> GraphView.nameAndBadge(d));
            assertTrue(nameAndBadge[0] <= nameAndBadge[1], id + ": its name ends at " + nameAndBadge[0]
                    + " px, its badge starts at " + nameAndBadge[1] + " px");
        }
    }

    @Test
    void messagesTravelBetweenTheCardsNotOverTheirText() throws Exception {
        GraphController graph = graph(3, "Phone_");
        FxViews.show(graph::view, 700, 500);
        GraphView view = (GraphView) graph.view();
        FxViews.frames(graph::onFrame, 1_000_000_000L, 2);
        for (String peer : List.of("Phone_0001", "Phone_0002", "Phone_0003")) {
            double[][] path = onFx(() -> view.flightPath("Device_A", peer));
            assertNotNull(path, peer);
            for (double[] end : path) {
                for (String id : List.of("Device_A", peer)) {
                    double[] c = onFx(() -> view.position(id));
                    double[] half = onFx(() -> view.halfSize(view.model().devices.get(id)));
                    boolean inside = Math.abs(end[0] - c[0]) < half[0] - 0.5 && Math.abs(end[1] - c[1]) < half[1] - 0.5;
                    assertTrue(!inside, "a message to " + peer + " starts and ends outside " + id + "'s card");
                }
            }
        }
    }

    @Test
    void hoveringADeviceDescribesItAndClickingOpensItsInspector() throws Exception {
        GraphController graph = graph(40, "Phone_");
        FxViews.show(graph::view, 700, 560);
        onFx(() -> {
            graph.onEvents(List.of(new MeshEvent.MetricSampled(1, "Phone_0007", 0.42, 0.3, 77, 0),
                    new MeshEvent.TaskExecuted(2, "Phone_0007", "task_1", io.meshbench.plugin.api.SlmResult.Status.COMPLETED, null, 1, 5, 1_000_000L),
                    new MeshEvent.TaskExecuted(3, "Phone_0007", "task_2", io.meshbench.plugin.api.SlmResult.Status.FAILED, "model crashed", 1, 0, 1_000_000L)));
            return null;
        });
        GraphView view = (GraphView) graph.view();
        FxViews.frames(graph::onFrame, 1_000_000_000L, 2);
        double[] p = onFx(() -> view.position("Phone_0007"));
        assertEquals("Phone_0007", onFx(() -> view.deviceAt(p[0], p[1])));
        Point2D on = onFx(() -> viewCanvas(view).localToScreen(p[0], p[1]));
        robot.moveTo(on);
        robot.clickOn(on);
        Node inspector = robot.lookup("#device-inspector").query();
        assertTrue(onFx(inspector::isVisible), "the inspector opens on a click");
        String text = onFx(() -> ((TextArea) robot.lookup("#device-inspector-text").query()).getText());
        assertTrue(text.startsWith("Phone_0007"), text);
        assertTrue(text.contains("CPU      42%") && text.contains("battery 77%"), text);
        assertTrue(text.contains("health   up"), text);
        assertTrue(text.contains("failed 1") && text.contains("model crashed"), "a device's own failed run: " + text);
        robot.clickOn("#device-inspector-close");
        assertTrue(!onFx(inspector::isVisible), "and closes");
    }

    private static javafx.scene.canvas.Canvas viewCanvas(GraphView view) {
        return (javafx.scene.canvas.Canvas) view.getChildrenUnmodifiable().get(0);
    }
}
