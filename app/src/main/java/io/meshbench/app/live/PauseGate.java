package io.meshbench.app.live;

import io.meshbench.event.MeshEvent;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Between the event bridge and the mesh's views: passes every batch on, or, while paused, holds the
 * batches back (the mesh runs on) and hands them over in order on resume, so the views catch up with
 * everything that happened; one batch at a time with {@link #step}. What it holds is bounded: past
 * {@code capacity} events the oldest batches are skipped and counted. On the UI thread only.
 */
final class PauseGate implements Consumer<List<MeshEvent>> {

    private final Consumer<List<MeshEvent>> views;
    private final int capacity;
    private final ArrayDeque<List<MeshEvent>> held = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private long heldEvents;
    private long skipped;

    PauseGate(Consumer<List<MeshEvent>> views, int capacity) {
        this.views = views;
        this.capacity = capacity;
    }

    @Override
    public void accept(List<MeshEvent> batch) {
        if (!paused.get()) {
            views.accept(batch);
            return;
        }
        held.addLast(batch);
        heldEvents += batch.size();
        while (heldEvents > capacity && held.size() > 1) {
            List<MeshEvent> oldest = held.removeFirst();
            heldEvents -= oldest.size();
            skipped += oldest.size();
        }
    }

    void pause() {
        paused.set(true);
    }

    /** Hands every held batch to the views, oldest first, and lets the next ones through. */
    void resume() {
        paused.set(false);
        while (!held.isEmpty()) {
            views.accept(held.removeFirst());
        }
        heldEvents = 0;
    }

    /** While paused: hands the oldest held batch to the views. */
    void step() {
        if (paused.get() && !held.isEmpty()) {
            List<MeshEvent> batch = held.removeFirst();
            heldEvents -= batch.size();
            views.accept(batch);
        }
    }

    boolean paused() {
        return paused.get();
    }

    ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    long held() {
        return heldEvents;
    }

    /** Events dropped from a pause that held more than the capacity. */
    long skipped() {
        return skipped;
    }
}
