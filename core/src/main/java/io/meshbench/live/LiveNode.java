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
import io.meshbench.protocol.TaskRequest;
import io.meshbench.security.LineGate;
import io.meshbench.security.NodeSecurity;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
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
 * and a {@link Mailbox} that runs one input at a time, so that the state machine needs no locks.
 * Lines are decoded on the connections' threads; only valid messages enter the mailbox, and an input
 * that finds the mailbox idle runs at once on the thread that brought it (no hand-off).
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
     * @param security       how links are protected: a mesh, or the plaintext format
     */
    public record Options(String host, int port, LineServer.Limits limits, Duration connectTimeout, long seed,
                          NodeSecurity security) {
        /** Where a node listens unless told otherwise: this machine only. */
        public static final String LOOPBACK = "127.0.0.1";
        /** Every interface, for a node that other machines or phones must reach. */
        public static final String EVERY_INTERFACE = "0.0.0.0";
        /** How long opening a connection to a peer may take. */
        public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

        /** The defaults, in one place: loopback, the default limits, 3 s to connect, a fresh seed, plaintext. */
        public static Builder listen(int port) {
            return new Builder(port);
        }

        /** A node of a mesh on this machine (tests, demo, the window): loopback and the looser local limits. */
        public static Options loopback(int port) {
            return listen(port).limits(LineServer.Limits.LOCAL).build();
        }

        /** Options made step by step from {@link #listen}'s defaults. */
        public static final class Builder {
            private final int port;
            private String host = LOOPBACK;
            private LineServer.Limits limits = LineServer.Limits.DEFAULT;
            private Duration connectTimeout = CONNECT_TIMEOUT;
            private long seed = System.nanoTime();
            private NodeSecurity security = NodeSecurity.insecure();

            private Builder(int port) {
                this.port = port;
            }

            public Builder host(String host) {
                this.host = host;
                return this;
            }

            public Builder limits(LineServer.Limits limits) {
                this.limits = limits;
                return this;
            }

            public Builder connectTimeout(Duration connectTimeout) {
                this.connectTimeout = connectTimeout;
                return this;
            }

            /** The seed of the node's random source (task ids), fixed for reproducible runs. */
            public Builder seed(long seed) {
                this.seed = seed;
                return this;
            }

            /** TLS or HMAC links of a mesh; plaintext (the original format, {@code --insecure}) without one. */
            public Builder security(NodeSecurity security) {
                this.security = security;
                return this;
            }

            public Options build() {
                return new Options(host, port, limits, connectTimeout, seed, security);
            }
        }

        public Options withLimits(LineServer.Limits newLimits) {
            return new Options(host, port, newLimits, connectTimeout, seed, security);
        }

        public Options withSecurity(NodeSecurity newSecurity) {
            return new Options(host, port, limits, connectTimeout, seed, newSecurity);
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
    private final LineGate gate;
    private final Rejections rejections;
    private Mailbox mailbox;
    private final long epochBase = System.currentTimeMillis() * 1_000_000L;
    private final long nanoBase = System.nanoTime();
    private final Context context = new Context();
    /** The extension level each peer announced on its lines; see {@link MeshContext#extensionLevel}. */
    private final java.util.Map<String, Integer> levels = new java.util.concurrent.ConcurrentHashMap<>();
    private final RandomGenerator random;
    private LineServer server;
    private Outbox outbox;
    private volatile boolean running;
    private volatile TaskJournal journal;
    private final java.util.Map<String, io.meshbench.security.LinkKind> links = new java.util.concurrent.ConcurrentHashMap<>();

    public LiveNode(String id, H handler, PeerDirectory directory, EventBus bus, Options options) {
        this.id = id;
        this.handler = handler;
        this.directory = directory;
        this.bus = bus;
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.gate = new LineGate(options.security());
        this.rejections = new Rejections(id, bus, context::now);
    }

    /** Listens, starts the mailbox and the state machine; returns once the node takes messages. */
    public LiveNode<H> start() throws IOException {
        outbox = new Outbox(directory, options.connectTimeout(), options.security(),
                (peer, message, reason) -> deliveryFailed(peer, message, reason));
        server = LineServer.start(options.host(), options.port(), options.limits(), options.security().ssl(),
                new LineServer.Handler() {
            @Override
            public void onLine(String line, LineServer.Origin origin) {
                received(line, origin);
            }

            @Override
            public void onError(String remote, String reason, String excerpt) {
                rejections.report(remote, reason, excerpt);
            }
        });
        mailbox = new Mailbox("node-" + id, MAILBOX_LIMIT, new Mailbox.Trouble() {
            @Override
            public void failed(RuntimeException e) {
                bus.publish(new MeshEvent.NodeError(context.now(), id, "internal error, input skipped: " + e));
            }

            @Override
            public void full(int limit) {
                bus.publish(new MeshEvent.NodeError(context.now(), id, "mailbox full (" + limit
                        + " inputs waiting); input dropped: the node cannot keep up"));
            }
        });
        mailbox.onIdle(outbox::flush);
        outbox.holdWhile(mailbox::runningHere);
        running = true;
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
            try {
                mailbox.close(0);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("node " + id + " could not start: " + cause.getMessage(), cause);
        }
        return this;
    }

    /**
     * Runs no TASK whose id this node took before within the journal's window, across restarts
     * (a replayed TASK is refused with a reason before the state machine sees it).
     */
    public LiveNode<H> journalTasks(TaskJournal taskJournal) {
        this.journal = taskJournal;
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

    /** How this node's links are protected. */
    public NodeSecurity security() {
        return options.security();
    }

    /**
     * How each peer's lines last reached this node (TLS, HMAC or plaintext), by the peer's id: what
     * the tools mark each link with.
     */
    public java.util.Map<String, io.meshbench.security.LinkKind> links() {
        return java.util.Map.copyOf(links);
    }

    /** The address the node listens on, as {@code host:port}. */
    public String listenAddress() {
        return options.host() + ":" + port();
    }

    public H handler() {
        return handler;
    }

    /** Whether the node is started and not yet closed. */
    public boolean running() {
        return running;
    }

    /**
     * Runs {@code action} as the node's next input, after those queued before it (at once on this
     * thread when the node is idle), and hands back its answer.
     */
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

    private void received(String wireLine, LineServer.Origin origin) {
        String remote = origin.remote();
        String line;
        io.meshbench.security.LinkKind kind;
        switch (gate.admit(wireLine, origin.identity(), System.currentTimeMillis() / 1000)) {
            case LineGate.Refused refused -> {
                rejections.report(remote, refused.reason(), refused.excerpt());
                return;
            }
            case LineGate.Admitted admitted -> {
                line = admitted.line();
                kind = admitted.kind();
            }
        }
        DecodedLine decoded;
        try {
            decoded = decoder.decode(line);
        } catch (ProtocolException e) {
            rejections.report(remote, e.getMessage(), e.excerpt());
            return;
        }
        Message message = decoded.message();
        links.put(message.sender(), kind);
        if (message instanceof TaskRequest && directory.find(message.sender()).isEmpty()) {
            rejections.report(remote, "TASK from " + message.sender() + ", which is not in this node's peers file: "
                    + "a device runs tasks only from orchestrators it knows; not run", ProtocolException.excerpt(line));
            return;
        }
        TaskJournal taken = journal;
        if (message instanceof TaskRequest task && taken != null) {
            String refused = taken.admit(task.sender(), task.taskId());
            if (refused != null) {
                rejections.report(remote, refused, ProtocolException.excerpt(line));
                return;
            }
        }
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
        post(() -> { // not on the outbox's thread, which may hold a connection's write lock
            bus.publish(new MeshEvent.DeliveryFailed(context.now(), id, peer, message.type().name(), message.taskId(),
                    reason));
            handler.onDeliveryFailed(peer, message, reason);
        });
    }

    /** An input, run on this thread if the node is idle. */
    private void enqueue(Runnable action) {
        if (running) {
            mailbox.run(action);
        }
    }

    /** An input that must not run on this thread (a timer's, shared by every node): the node's own thread runs it. */
    private void post(Runnable action) {
        if (running) {
            mailbox.post(action);
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
        rejections.flush();
        try {
            mailbox.close(2000);
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
            ScheduledFuture<?> timer = TIMERS.schedule(() -> LiveNode.this.post(() -> {
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
