package io.meshbench.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Publishes {@link MeshEvent}s to every subscriber, synchronously, on the publishing thread.
 * Subscribers must be quick and thread-safe (nodes publish from their own threads); one that throws
 * is logged (a warning) and stays subscribed, and never disturbs the node that published.
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final CopyOnWriteArrayList<Consumer<? super MeshEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Adds a subscriber; the returned handle removes it. */
    public AutoCloseable subscribe(Consumer<? super MeshEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(MeshEvent event) {
        for (Consumer<? super MeshEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("an event subscriber failed on {}: {}", event.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }
}
