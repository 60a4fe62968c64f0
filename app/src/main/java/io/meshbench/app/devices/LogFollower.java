package io.meshbench.app.devices;

import io.meshbench.adb.AgentLog;
import io.meshbench.adb.MeshAdb;
import io.meshbench.event.EventBus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Follows the agents' logs over adb ({@code tail -f}, one adb process a phone) and turns each line
 * into the {@code MeshEvent} it stands for ({@link AgentLog}) on the window's event bus, so that the
 * graph, the sequence chart and a recording show a mesh of phones as they show a simulated one. The
 * raw lines go to the panel too, coalesced: however fast phones log, the UI thread is called once
 * for everything that arrived since its last call. No JavaFX here.
 */
final class LogFollower implements AutoCloseable {

    /** A line of one phone's log, as the panel lists it. */
    record Line(String device, String text) {
    }

    private final MeshAdb adb;
    private final EventBus bus;
    private final Executor ui;
    private final Consumer<List<Line>> onLines;
    private final Map<String, Process> tails = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Line> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AgentLog reader = new AgentLog();

    /**
     * @param ui      runs the hand-over of lines on the UI thread
     * @param onLines told every new line, in batches, on the UI thread
     */
    LogFollower(MeshAdb adb, EventBus bus, Executor ui, Consumer<List<Line>> onLines) {
        this.adb = adb;
        this.bus = bus;
        this.ui = ui;
        this.onLines = onLines;
    }

    /**
     * Follows one phone's log from its last {@code last} lines on, as {@code device} (its mesh id).
     * Following a phone already followed does nothing.
     */
    void follow(String serial, String device, int last) {
        tails.computeIfAbsent(serial, s -> adb.follow(s, last, text -> line(device, text)));
    }

    private void line(String device, String text) {
        // the event first: the views must not depend on the panel being open
        synchronized (reader) { // one decoder for every phone's reader thread
            reader.toEvent(device, text).ifPresent(bus::publish);
        }
        waiting.add(new Line(device, text));
        if (scheduled.compareAndSet(false, true)) {
            ui.execute(this::handOver);
        }
    }

    private void handOver() {
        scheduled.set(false);
        List<Line> batch = new ArrayList<>();
        Line l;
        while ((l = waiting.poll()) != null) {
            batch.add(l);
        }
        if (!batch.isEmpty()) {
            onLines.accept(batch);
        }
    }

    /** The serials followed now (a tail that ended, with its phone gone, is left out). */
    List<String> following() {
        tails.entrySet().removeIf(e -> !e.getValue().isAlive());
        return List.copyOf(tails.keySet());
    }

    @Override
    public void close() {
        tails.values().forEach(Process::destroy);
        tails.clear();
    }
}
