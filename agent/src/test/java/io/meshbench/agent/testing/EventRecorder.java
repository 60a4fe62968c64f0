package io.meshbench.agent.testing;

import io.meshbench.event.MeshEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** (A copy of core's test fixture: the agent module depends on core's main jar only.) Keeps every event of a bus and waits for the one a test expects (no sleeps: it wakes on each event). */
public final class EventRecorder implements Consumer<MeshEvent> {

    private final List<MeshEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(MeshEvent event) {
        events.add(event);
        notifyAll();
    }

    public synchronized List<MeshEvent> all() {
        return List.copyOf(events);
    }

    public synchronized <T extends MeshEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits for the first event of {@code type} that matches, recorded before or after the call. */
    public <T extends MeshEvent> T await(Class<T> type, Predicate<? super T> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (MeshEvent e : events) {
                    if (type.isInstance(e) && match.test(type.cast(e))) {
                        return type.cast(e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " matching within " + timeout
                            + "; events so far:\n" + describe());
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    public <T extends MeshEvent> T await(Class<T> type, Predicate<? super T> match) {
        return await(type, match, Duration.ofSeconds(20));
    }

    public synchronized void clear() {
        events.clear();
    }

    private String describe() {
        StringBuilder out = new StringBuilder();
        int from = Math.max(0, events.size() - 40);
        for (int i = from; i < events.size(); i++) {
            out.append("  ").append(events.get(i)).append('\n');
        }
        return out.toString();
    }
}
