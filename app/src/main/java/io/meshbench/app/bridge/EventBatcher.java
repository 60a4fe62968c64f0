package io.meshbench.app.bridge;

import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one way events reach the window: nodes publish on their own threads into a bounded queue,
 * and the UI thread takes everything queued once per frame ({@link #drain}) and hands it to every
 * view as one batch. A mesh faster than the window fills the queue up to its cap and then loses
 * events (counted in {@link #dropped}) instead of the window falling behind without bound. Holds
 * no JavaFX, so it is tested without the toolkit; {@link FxEventBridge} drives it from a frame timer.
 */
public final class EventBatcher implements AutoCloseable {

    /** Events a frame may take; the rest wait for the next frame. */
    static final int MAX_PER_DRAIN = 50_000;

    private final ConcurrentLinkedQueue<MeshEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final int capacity;
    private final List<Consumer<List<MeshEvent>>> views = new CopyOnWriteArrayList<>();
    private final AutoCloseable subscription;

    public EventBatcher(EventBus bus, int capacity) {
        this.capacity = capacity;
        this.subscription = bus.subscribe(this::offer);
    }

    private void offer(MeshEvent event) {
        received.incrementAndGet();
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(event);
    }

    /** Adds a view that gets every batch, on the thread that drains. */
    public void addView(Consumer<List<MeshEvent>> view) {
        views.add(view);
    }

    /** Hands what is queued to every view; returns how many events it handed. */
    public int drain() {
        List<MeshEvent> batch = new ArrayList<>(Math.min(queued.get(), MAX_PER_DRAIN));
        MeshEvent event;
        while (batch.size() < MAX_PER_DRAIN && (event = queue.poll()) != null) {
            batch.add(event);
        }
        queued.addAndGet(-batch.size());
        if (batch.isEmpty()) {
            return 0;
        }
        List<MeshEvent> view = List.copyOf(batch);
        for (Consumer<List<MeshEvent>> consumer : views) {
            try {
                consumer.accept(view);
            } catch (RuntimeException e) {
                // One broken view must not stop the others or the frame loop.
                System.err.println("meshbench: a view failed on a batch of events: " + e);
            }
        }
        return view.size();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Every event published since the start. */
    public long received() {
        return received.get();
    }

    public int queued() {
        return queued.get();
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
