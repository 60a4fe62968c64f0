package io.meshbench.app.views;

import io.meshbench.live.MeshSession;
import io.meshbench.app.auctions.AuctionsController;
import io.meshbench.app.charts.ChartsController;
import io.meshbench.app.graph.GraphController;
import io.meshbench.app.sequence.SequenceController;
import io.meshbench.event.MeshEvent;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

import java.util.List;

/**
 * The four views of a mesh that a scenario run and a replay show, as the live workbench shows them:
 * the graph, the auctions, the sequence chart and the device charts. {@link #rebuild()} starts them
 * over with empty models (a replay that seeks backwards), in the same panes.
 */
public final class MeshViews {

    private final List<MeshSession.Device> devices;
    private final String orchestratorId;
    private final BorderPane graphPane = pane();
    private final BorderPane auctionsPane = pane();
    private final BorderPane sequencePane = pane();
    private final BorderPane chartsPane = pane();
    /** The graph's animation clock: the frame time, or far in the past while rebuilding (nothing to animate). */
    private long animationNow;
    private GraphController graph;
    private AuctionsController auctions;
    private SequenceController sequence;
    private ChartsController charts;

    private final String auctionsHint;
    private final int history;

    /** @param auctionsHint what the empty auctions list says: how this window's auctions start */
    public MeshViews(List<MeshSession.Device> devices, String orchestratorId, String auctionsHint) {
        this(devices, orchestratorId, auctionsHint, SequenceController.HISTORY);
    }

    /** @param history the arrows the sequence chart keeps */
    public MeshViews(List<MeshSession.Device> devices, String orchestratorId, String auctionsHint, int history) {
        this.history = history;
        this.devices = List.copyOf(devices);
        this.orchestratorId = orchestratorId;
        this.auctionsHint = auctionsHint;
        create();
        attach();
    }

    private static BorderPane pane() {
        BorderPane pane = new BorderPane(new Label());
        pane.setMinSize(0, 0);
        return pane;
    }

    private void create() {
        graph = new GraphController(devices, () -> animationNow);
        auctions = new AuctionsController(orchestratorId).placeholder(auctionsHint);
        sequence = new SequenceController(devices, history);
        charts = new ChartsController();
        auctions.setOnSelect(sequence::showTask);
    }

    private void attach() {
        graphPane.setCenter(graph.view());
        auctionsPane.setCenter(auctions.view());
        sequencePane.setCenter(sequence.view());
        chartsPane.setCenter(charts.view());
    }

    /**
     * Starts every view over from {@code events} (the start of a recording up to a point): the models
     * are filled before the views are made, so no view redraws on the way.
     */
    public void rebuild(List<MeshEvent> events, long frameNow) {
        create();
        feed(events, frameNow, false);
        attach();
    }

    /** Hands events to every view; {@code animate} false for a jump, whose messages are not flown. */
    public void feed(List<MeshEvent> batch, long frameNow, boolean animate) {
        if (batch.isEmpty()) {
            return;
        }
        animationNow = animate ? frameNow : frameNow - 3_600_000_000_000L;
        graph.onEvents(batch);
        auctions.onEvents(batch);
        sequence.onEvents(batch);
        charts.onEvents(batch);
        animationNow = frameNow;
    }

    /** Draws the frame at {@code now}. */
    public void onFrame(long now) {
        animationNow = now;
        graph.onFrame(now);
        auctions.onFrame(now);
        sequence.onFrame(now);
        charts.onFrame(now);
    }

    /** The views by their pane titles, to save as pictures. */
    public java.util.Map<String, Node> exportable() {
        java.util.Map<String, Node> views = new java.util.LinkedHashMap<>();
        views.put("Mesh", graphPane);
        views.put("Device charts", chartsPane);
        views.put("Auctions", auctionsPane);
        views.put("Sequence chart", sequencePane);
        return views;
    }

    public Node graphView() {
        return graphPane;
    }

    public Node auctionsView() {
        return auctionsPane;
    }

    public Node sequenceView() {
        return sequencePane;
    }

    public Node chartsView() {
        return chartsPane;
    }

    public GraphController graph() {
        return graph;
    }

    public AuctionsController auctions() {
        return auctions;
    }

    public SequenceController sequence() {
        return sequence;
    }

    public ChartsController charts() {
        return charts;
    }
}
