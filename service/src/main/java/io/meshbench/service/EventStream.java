package io.meshbench.service;

import io.meshbench.event.MeshEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The mesh's events as Server-Sent Events, one JSON event a message (the recording's format), to
 * every connected client: the page's live views and anyone's {@code curl -N}. Each client has a
 * queue of its own, so a slow one never holds up the mesh or the others; when its queue is full
 * the events it misses are counted and it is told ({@code {"event": "StreamGap", "dropped": N}}), so
 * it can reload its snapshot. A comment line every 15 s keeps proxies and idle timers quiet and
 * finds clients that went away.
 */
final class EventStream implements Consumer<MeshEvent>, AutoCloseable {

    static final int QUEUE = 20_000;
    private static final String CLOSE = "\u0000close";

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean closed;

    private static final class Client {
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        final AtomicLong dropped = new AtomicLong();
    }

    @Override
    public void accept(MeshEvent event) {
        if (clients.isEmpty()) {
            return;
        }
        String json = Json.event(event);
        for (Client client : clients) {
            if (!client.queue.offer(json)) {
                client.dropped.incrementAndGet();
            }
        }
    }

    int clients() {
        return clients.size();
    }

    long sent() {
        return sent.get();
    }

    /**
     * Streams to {@code out} until the client goes away or the service stops; runs on the
     * request's own (virtual) thread. {@code hello} is sent first.
     */
    void serve(OutputStream out, String hello) throws IOException {
        Client client = new Client();
        clients.add(client);
        try {
            write(out, "retry: 2000\n\ndata: " + hello + "\n\n");
            StringBuilder batch = new StringBuilder();
            while (!closed) {
                String first;
                try {
                    first = client.queue.poll(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (first == null) {
                    write(out, ": keep-alive\n\n");
                    continue;
                }
                if (first == CLOSE) {
                    return;
                }
                batch.setLength(0);
                long dropped = client.dropped.getAndSet(0);
                if (dropped > 0) {
                    batch.append("data: {\"event\":\"StreamGap\",\"dropped\":").append(dropped).append("}\n\n");
                }
                int n = 0;
                for (String json = first; json != null && n < 500; json = client.queue.poll(), n++) {
                    if (json == CLOSE) {
                        write(out, batch.toString());
                        return;
                    }
                    batch.append("data: ").append(json).append("\n\n");
                }
                write(out, batch.toString());
                sent.addAndGet(n);
            }
        } finally {
            clients.remove(client);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        closed = true;
        for (Client client : clients) {
            client.queue.clear();
            client.queue.offer(CLOSE);
        }
    }
}
