package io.meshbench.live;

import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.net.LineServer;
import io.meshbench.net.Outbox;
import io.meshbench.net.PeerDirectory;
import io.meshbench.plugin.api.PluginContext.Cancellable;
import io.meshbench.protocol.DecodedLine;
import io.meshbench.protocol.Message;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.MessageEncoder;
import io.meshbench.protocol.MessageType;
import io.meshbench.protocol.ProtocolException;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The live runtime for one state machine: a TCP listener, an outbox to the peers, the wall clock,
 * and a mailbox drained by one thread, so that the state machine sees one input at a time and needs
 * no locks. Lines are decoded on the connections' threads; only valid messages enter the mailbox.
 *
 * @param <H> the state machine
 */
public final class LiveNode<H extends ProtocolHandler> implements AutoCloseable {

    /**
     * @param host           address to listen on ({@code 0.0.0.0} for every interface)
     * @param port           port to listen on, 0 for a free one
     * @param limits         what one connection may cost
     * @param connectTimeout how long to wait for a peer to accept a connection
     * @param seed           seed of the node's random source
     */
    public record Options(String host, int port, LineServer.Limits limits, Duration connectTimeout, long seed) {
        public static Options loopback(int port) {
            return new Options("127.0.0.1", port, LineServer.Limits.DEFAULT, Duration.ofSeconds(3), System.nanoTime());
        }

        public Options withLimits(LineServer.Limits newLimits) {
            return new Options(host, port, newLimits, connectTimeout, seed);
        }
    }

    private static final int MAILBOX_LIMIT = 65_536;
    private static final ScheduledThreadPoolExecutor TIMERS = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "meshbench-timers");
        t.setDaemon(true);
        return t;
    });

    static {
        // Result timeouts are long and nearly always cancelled: drop them from the queue at once.
        TIMERS.setRemoveOnCancelPolicy(true);
    }

    private final String id;
    private final H handler;
    private final PeerDirectory directory;
    private final EventBus bus;
    private final Options options;
    private final MessageEncoder encoder = new MessageEncoder();
    private final MessageDecoder decoder = new MessageDecoder();
    private final BlockingQueue<Runnable> mailbox = new ArrayBlockingQueue<>(MAILBOX_LIMIT);
    private final long epochBase = System.currentTimeMillis() * 1_000_000L;
    private final long nanoBase = System.nanoTime();
    private final Context context = new Context();
    /** The extension level each peer announced on its lines; see {@link MeshContext#extensionLevel}. */
    private final java.util.Map<String, Integer> levels = new java.util.concurrent.ConcurrentHashMap<>();
    private final RandomGenerator random;
    private LineServer server;
    private Outbox outbox;
    private Thread worker;
    private volatile boolean running;

    public LiveNode(String id, H handler, PeerDirectory directory, EventBus bus, Options options) {
        this.id = id;
        this.handler = handler;
        this.directory = directory;
        this.bus = bus;
        this.options = options;
        this.random = new SplittableRandom(options.seed());
    }

    /** Listens, starts the mailbox and the state machine; returns once the node takes messages. */
    public LiveNode<H> start() throws IOException {
        outbox = new Outbox(directory, options.connectTimeout(),
                (peer, message, reason) -> deliveryFailed(peer, message, reason));
        server = LineServer.start(options.host(), options.port(), options.limits(), new LineServer.Handler() {
            @Override
            public void onLine(String line, String remote) {
                received(line, remote);
            }

            @Override
            public void onError(String remote, String reason, String excerpt) {
                bus.publish(new MeshEvent.InputRejected(context.now(), id, remote, reason, excerpt));
            }
        });
        running = true;
        worker = Thread.ofVirtual().name("node-" + id).start(this::drain);
        try {
            call(h -> {
                h.start(context);
                bus.publish(new MeshEvent.NodeStarted(context.now(), id, h.role(), options.host() + ":" + port()));
                return null;
            }).join();
        } catch (CompletionException e) {
            running = false;
            server.close();
            outbox.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("node " + id + " could not start: " + cause.getMessage(), cause);
        }
        return this;
    }

    /**
     * Sends every line for {@code peer} over one kept-open connection, as to a MeshBench peer. For a
     * shell agent reached through {@code adb forward}: adb may drop a line whose sender closes its
     * side at once, and the agent reads any number of lines per connection.
     */
    public void keepConnectionTo(String peer) {
        outbox.markKeepAlive(peer);
    }

    public String id() {
        return id;
    }

    public int port() {
        return server.port();
    }

    public H handler() {
        return handler;
    }

    /** Whether the node is started and not yet closed. */
    public boolean running() {
        return running;
    }

    /** Runs {@code action} on the node's own thread and hands back its answer. */
    public <T> CompletableFuture<T> call(Function<H, T> action) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        enqueue(() -> {
            try {
                answer.complete(action.apply(handler));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
                throw e;
            }
        });
        return answer;
    }

    private void received(String line, String remote) {
        DecodedLine decoded;
        try {
            decoded = decoder.decode(line);
        } catch (ProtocolException e) {
            bus.publish(new MeshEvent.InputRejected(context.now(), id, remote, e.getMessage(), e.excerpt()));
            return;
        }
        Message message = decoded.message();
        if (decoded.fromMeshBenchPeer()) {
            outbox.markKeepAlive(message.sender());
            levels.merge(message.sender(), decoded.extensionLevel(), Math::max);
        }
        enqueue(() -> {
            if (!MessageType.isHeartbeat(message.type())) {
                bus.publish(new MeshEvent.MessageReceived(context.now(), id, message.sender(), message.type().name(),
                        message.taskId(), line));
            }
            handler.onMessage(message);
        });
    }

    private void deliveryFailed(String peer, Message message, String reason) {
        enqueue(() -> {
            bus.publish(new MeshEvent.DeliveryFailed(context.now(), id, peer, message.type().name(), message.taskId(),
                    reason));
            handler.onDeliveryFailed(peer, message, reason);
        });
    }

    private void enqueue(Runnable action) {
        if (!running) {
            return;
        }
        if (!mailbox.offer(action)) {
            bus.publish(new MeshEvent.NodeError(context.now(), id, "mailbox full (" + MAILBOX_LIMIT
                    + " inputs waiting); input dropped: the node cannot keep up"));
        }
    }

    private void drain() {
        while (running || !mailbox.isEmpty()) {
            Runnable next;
            try {
                next = mailbox.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (next == null) {
                continue;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                bus.publish(new MeshEvent.NodeError(context.now(), id, "internal error, input skipped: " + e));
            }
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        CompletableFuture<Void> stopped = call(h -> {
            h.stop();
            return null;
        });
        try {
            stopped.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            bus.publish(new MeshEvent.NodeError(context.now(), id, "stopping took too long or failed: " + e));
        }
        running = false;
        server.close();
        outbox.close();
        try {
            worker.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bus.publish(new MeshEvent.NodeStopped(context.now(), id));
    }

    /** What the state machine may do, live. */
    private final class Context implements MeshContext {
        @Override
        public String self() {
            return id;
        }

        @Override
        public long now() {
            return epochBase + (System.nanoTime() - nanoBase);
        }

        @Override
        public List<String> peers() {
            List<String> ids = directory.ids();
            ids.remove(id);
            return ids;
        }

        @Override
        public boolean isPeer(String peer) {
            return !peer.equals(id) && directory.find(peer).isPresent();
        }

        @Override
        public int extensionLevel(String peer) {
            return levels.getOrDefault(peer, 0);
        }

        /** The last message encoded, and its line: a broadcast encodes its one message once. */
        private Message lastMessage;
        private String lastLine;

        @Override
        public void send(String peer, Message message) {
            if (message != lastMessage) {
                lastLine = encoder.encode(message);
                lastMessage = message;
            }
            String line = lastLine;
            if (!MessageType.isHeartbeat(message.type())) {
                bus.publish(new MeshEvent.MessageSent(now(), id, peer, message.type().name(), message.taskId(), line));
            }
            outbox.send(peer, message, line);
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable action) {
            AtomicBoolean cancelled = new AtomicBoolean();
            ScheduledFuture<?> timer = TIMERS.schedule(() -> enqueue(() -> {
                if (!cancelled.get()) {
                    action.run();
                }
            }), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> {
                cancelled.set(true);
                timer.cancel(false);
            };
        }

        @Override
        public void post(Runnable action) {
            enqueue(action);
        }

        @Override
        public void emit(MeshEvent event) {
            bus.publish(event);
        }

        @Override
        public RandomGenerator random() {
            return random;
        }
    }
}
