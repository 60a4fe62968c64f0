package io.meshbench.app.sequence;

import io.meshbench.live.MeshSession;
import io.meshbench.event.MeshEvent;
import io.meshbench.protocol.DecodedLine;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.ProtocolException;
import javafx.scene.Node;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The sequence chart: a lifeline per device and an arrow per message over time, filtered by type,
 * device and task; clicking an arrow shows its raw wire line and its decoded fields.
 */
public final class SequenceController {

    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final SequenceModel model = new SequenceModel();
    private final MessageDecoder decoder = new MessageDecoder();
    private SequenceView view;

    /** The arrows a chart keeps unless told otherwise: about 50 s of a busy 40-device mesh. */
    public static final int HISTORY = SequenceModel.MAX_ARROWS;

    public SequenceController(List<MeshSession.Device> devices) {
        this(devices, HISTORY);
    }

    /** @param history the arrows kept (the oldest are dropped past it) */
    public SequenceController(List<MeshSession.Device> devices, int history) {
        model.maxArrows = Math.max(100, Math.min(HISTORY, history));
        devices.forEach(d -> lifeline(d.id()));
    }

    public Node view() {
        if (view == null) {
            view = new SequenceView(model, this);
        }
        return view;
    }

    public void onFrame(long now) {
        if (view != null) {
            view.draw(now);
        }
    }

    public void onEvents(List<MeshEvent> batch) {
        long seqBefore = model.seq;
        int pendingBefore = model.pending.size() + model.receivedFirst.size();
        for (MeshEvent event : batch) {
            switch (event) {
                case MeshEvent.MessageSent e -> {
                    SequenceModel.Key key = key(e.node(), e.peer(), e.line());
                    Arrow early = model.receivedFirst.remove(key);
                    if (early != null) { // its receipt came first (phones' logs arrive late over adb): one arrow
                        early.sentAt(e.time());
                        continue;
                    }
                    Arrow arrow = new Arrow(model.seq++, e.time(), e.node(), e.peer(), e.type(), e.taskId(),
                            e.line(), false);
                    add(arrow);
                    model.pending.put(key, arrow);
                }
                case MeshEvent.MessageReceived e -> {
                    Arrow sent = model.pending.remove(key(e.peer(), e.node(), e.line()));
                    if (sent != null) {
                        sent.received(e.time());
                    } else { // the sender is not watched (a remote device), or not yet: draw it as it arrived
                        Arrow arrow = new Arrow(model.seq++, e.time(), e.peer(), e.node(), e.type(), e.taskId(),
                                e.line(), false);
                        arrow.received(e.time());
                        add(arrow);
                        model.receivedFirst.put(key(e.peer(), e.node(), e.line()), arrow);
                    }
                }
                case MeshEvent.DeliveryFailed e -> add(new Arrow(model.seq++, e.time(), e.node(), e.peer(),
                        e.type(), e.taskId(), e.reason(), true));
                case MeshEvent.InputRejected e -> { // a line the node refused: forged, replayed, junk, a flood
                    Arrow rejected = new Arrow(model.seq++, e.time(), e.node(), e.node(), REJECTED, null,
                            e.reason() + (e.excerpt() == null || e.excerpt().isEmpty() ? "" : " — \"" + e.excerpt() + "\"")
                                    + " (from " + e.source() + ")", true);
                    rejected.received(e.time());
                    add(rejected);
                }
                case MeshEvent.NodeStarted e -> lifeline(e.node());
                default -> {
                }
            }
        }
        if (model.seq != seqBefore || model.pending.size() + model.receivedFirst.size() != pendingBefore) {
            model.version.set(model.version.get() + 1);
        }
    }

    private void add(Arrow arrow) {
        lifeline(arrow.from());
        lifeline(arrow.to());
        if (model.arrows.size() >= model.maxArrows) {
            Arrow gone = model.arrows.removeFirst();
            count(gone.from(), -1);
            count(gone.to(), -1);
        }
        model.arrows.addLast(arrow);
        count(arrow.from(), 1);
        count(arrow.to(), 1);
    }

    private void count(String id, int delta) {
        model.traffic.merge(id, delta, (a, b) -> a + b <= 0 ? null : a + b);
    }

    /**
     * The lifelines that fit in {@code capacity} columns: all when they fit; otherwise the pinned ones,
     * the orchestrator, the devices of the auction shown alone, then the busiest, in the mesh's order,
     * and one last column {@value SequenceModel#OTHERS} for the rest.
     */
    public List<String> chooseLifelines(int capacity) {
        List<String> all = model.lifelines;
        if (all.size() <= Math.max(2, capacity)) {
            return List.copyOf(all);
        }
        int room = Math.max(1, capacity - 1);
        java.util.LinkedHashSet<String> chosen = new java.util.LinkedHashSet<>();
        for (String id : model.pinned) {
            if (chosen.size() < room && all.contains(id)) {
                chosen.add(id);
            }
        }
        if (chosen.size() < room && !all.isEmpty()) {
            chosen.add(all.get(0)); // the orchestrator's lifeline comes first
        }
        String task = model.taskFilter.get();
        if (task != null) {
            for (Arrow a : model.arrows) {
                if (chosen.size() >= room) {
                    break;
                }
                if (task.equals(a.taskId())) {
                    chosen.add(a.from());
                    chosen.add(a.to());
                }
            }
        }
        String device = model.deviceFilter.get();
        if (device != null && !device.equals(SequenceModel.ALL) && chosen.size() < room) {
            chosen.add(device);
        }
        all.stream().filter(id -> !chosen.contains(id))
                .sorted(java.util.Comparator.comparingInt((String id) -> -model.traffic.getOrDefault(id, 0)))
                .limit(Math.max(0, room - chosen.size())).forEach(chosen::add);
        List<String> ordered = new java.util.ArrayList<>();
        for (String id : all) { // the mesh's order, so a lifeline does not jump about as traffic changes
            if (chosen.contains(id)) {
                ordered.add(id);
            }
        }
        ordered.add(SequenceModel.OTHERS);
        return ordered;
    }

    /** Pins {@code id}'s lifeline (always shown), or unpins it. */
    public void togglePin(String id) {
        if (id == null || id.equals(SequenceModel.OTHERS)) {
            return;
        }
        if (!model.pinned.remove(id)) {
            model.pinned.add(id);
        }
        model.version.set(model.version.get() + 1);
    }

    public java.util.Set<String> pinned() {
        return java.util.Set.copyOf(model.pinned);
    }

    private void lifeline(String id) {
        if (!model.lifelines.contains(id)) {
            model.lifelines.add(id);
            model.deviceChoices.add(id);
        }
    }

    private static SequenceModel.Key key(String from, String to, String line) {
        return new SequenceModel.Key(from, to, line);
    }

    /** Shows only {@code taskId}'s messages, or every task's when null. */
    public void showTask(String taskId) {
        model.taskFilter.set(taskId);
        model.version.set(model.version.get() + 1);
    }

    void select(Arrow arrow) {
        model.selected.set(arrow);
    }

    /** The raw line and the decoded fields of an arrow, as the detail pane shows them. */
    /** The type of the red mark a refused line makes on its node's lifeline. */
    static final String REJECTED = "REJECTED";

    String describe(Arrow a) {
        if (REJECTED.equals(a.type())) {
            return REJECTED + " by " + a.to() + " at " + CLOCK.format(Instant.ofEpochSecond(0, a.sent())) + "\n"
                    + "rejected: " + a.line();
        }
        StringBuilder out = new StringBuilder();
        out.append(a.type()).append("  ").append(a.from()).append(" → ").append(a.to()).append('\n');
        out.append("sent ").append(CLOCK.format(Instant.ofEpochSecond(0, a.sent())));
        if (a.received() >= 0) {
            out.append(String.format(Locale.ROOT, ", received %s (+%.3f ms)",
                    CLOCK.format(Instant.ofEpochSecond(0, a.received())), (a.received() - a.sent()) / 1e6));
        }
        out.append('\n');
        if (a.failed()) {
            return out.append("not delivered: ").append(a.line()).toString();
        }
        out.append("wire: ").append(a.line()).append('\n');
        try {
            DecodedLine decoded = decoder.decode(a.line());
            out.append("decoded: ").append(decoded.message());
        } catch (ProtocolException e) {
            out.append("does not decode: ").append(e.getMessage());
        }
        return out.toString();
    }

    /** The arrows the chart shows now, with its filters, oldest first. */
    public List<Arrow> visibleArrows() {
        return model.arrows.stream().filter(model::matches).toList();
    }

    /** The width the chart was last drawn at, 0 before it is shown. */
    public double drawnWidth() {
        return view == null ? 0 : view.drawnWidth();
    }

    /** The lifelines the chart drew last, left to right ("others" standing for the rest). */
    public List<String> drawnLifelines() {
        return view == null ? List.of() : view.drawnLifelines();
    }

    /** The arrow at the top of the chart as drawn last, or null. */
    public Arrow topArrow() {
        return view == null ? null : view.firstShown();
    }

    /** Scrolls back to put arrow {@code index} of the filtered history at the top, as the scroll bar does. */
    public void scrollTo(int index) {
        if (view != null) {
            view.scrollTo(index);
        }
    }

    public List<String> lifelines() {
        return List.copyOf(model.lifelines);
    }
}
