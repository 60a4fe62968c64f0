package io.meshbench.app.charts;

import io.meshbench.event.MeshEvent;
import javafx.scene.Node;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Device charts: CPU, RAM and battery of one device, or of all, over the last five minutes. */
public final class ChartsController {

    private final ChartsModel model = new ChartsModel();
    private final Set<String> sampled = new HashSet<>();
    private ChartsView view;

    public Node view() {
        if (view == null) {
            view = new ChartsView(model);
        }
        return view;
    }

    public void onFrame(long now) {
        if (view != null) {
            view.draw(now);
        }
    }

    public void onEvents(List<MeshEvent> batch) {
        boolean changed = false;
        for (MeshEvent event : batch) {
            if (event instanceof MeshEvent.MetricSampled e) {
                sampled.add(e.node());
                series(e.node()).add(e.time(), e.cpuLoad(), e.ramLoad(), e.battery());
                changed = true;
            } else if (event instanceof MeshEvent.BidAccepted e && !sampled.contains(e.bid().deviceId())) {
                // A remote device reports its metrics only in its bids.
                series(e.bid().deviceId()).add(e.time(), e.bid().cpuLoad().orElse(-1), e.bid().ramLoad().orElse(-1),
                        e.bid().battery().orElse(-1));
                changed = true;
            }
        }
        if (changed) {
            model.version.set(model.version.get() + 1);
        }
    }

    private Series series(String device) {
        return model.series.computeIfAbsent(device, id -> {
            model.choices.add(id);
            model.colours.put(id, ChartsModel.colour(model.colours.size()));
            return new Series(ChartsModel.CAPACITY);
        });
    }

    /** Samples held for {@code device}. */
    public int samples(String device) {
        Series s = model.series.get(device);
        return s == null ? 0 : s.size();
    }

    /** The colour of {@code device}'s lines, given when it first appeared; null before. */
    public javafx.scene.paint.Color colour(String device) {
        return model.colours.get(device);
    }

    /** The legend's entries as shown now. */
    public List<String> legend() {
        return view == null ? List.of() : view.legendTexts();
    }

    /** The time axis' labels as drawn last, oldest first. */
    public List<String> timeLabels() {
        return view == null ? List.of() : view.timeLabels();
    }

    public void select(String device) {
        model.selected.set(device);
    }
}
