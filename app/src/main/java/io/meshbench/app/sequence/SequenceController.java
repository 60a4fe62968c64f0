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

    public SequenceController(List<MeshSession.Device> devices) {
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
        if (model.arrows.size() >= SequenceModel.MAX_ARROWS) {
            model.arrows.removeFirst();
        }
        model.arrows.addLast(arrow);
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
    String describe(Arrow a) {
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

    public List<String> lifelines() {
        return List.copyOf(model.lifelines);
    }
}
