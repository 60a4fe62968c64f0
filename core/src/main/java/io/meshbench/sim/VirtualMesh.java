package io.meshbench.sim;

import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.PluginContext.Cancellable;
import io.meshbench.protocol.Message;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.MessageEncoder;
import io.meshbench.protocol.MessageType;
import io.meshbench.protocol.ProtocolException;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The virtual-time runtime: the same state machines as the live runtime, driven by a discrete-event
 * loop over one queue ordered by (time, sequence number), with an in-memory {@link NetworkModel}.
 * Every random stream derives from one root seed (each node's from the seed and its id, the
 * network's from the seed), so the same seed and the same inputs give the same event stream, bit
 * for bit. Single-threaded: everything, the drivers included, runs on the caller's thread.
 */
public final class VirtualMesh {

    /**
     * @param seed          the root seed
     * @param network       latency, jitter, loss and partitions
     * @param messageEvents publish {@link MeshEvent.MessageSent} and {@link MeshEvent.MessageReceived}
     *                      (off for very large runs, where only auction events are wanted)
     * @param wire          pass every message through the wire codec, as lines, and put the lines in
     *                      the message events (off: messages travel as objects, which is faster)
     * @param startNanos    virtual time at the start, in nanoseconds since the epoch
     */
    public record Options(long seed, NetworkModel network, boolean messageEvents, boolean wire, long startNanos) {
        public static Options of(long seed) {
            return new Options(seed, NetworkModel.lan(), true, true, 0);
        }

        public Options quiet() {
            return new Options(seed, network, false, false, startNanos);
        }
    }

    private final Options options;
    private final EventBus bus;
    private final EventQueue queue = new EventQueue();
    private final Map<String, Node<?>> nodes = new HashMap<>();
    /** One group per peer list given to {@link #add}, by identity: the nodes of a mesh share it. */
    private final Map<List<String>, Group> groups = new IdentityHashMap<>();
    private final SplittableRandom networkRandom;
    private final MessageEncoder encoder = new MessageEncoder();
    private final MessageDecoder decoder = new MessageDecoder();
    private long now;
    private long processed;

    public VirtualMesh(Options options, EventBus bus) {
        this.options = options;
        this.bus = bus;
        this.now = options.startNanos();
        this.networkRandom = new SplittableRandom(mix(options.seed(), 0x6e6574776f726bL));
    }

    public NetworkModel network() {
        return options.network();
    }

    /** Virtual time now, in nanoseconds since the epoch. */
    public long now() {
        return now;
    }

    /** Actions run so far. */
    public long processed() {
        return processed;
    }

    /** Actions waiting in the queue. */
    public int pending() {
        return queue.size();
    }

    /**
     * Adds a node and starts its state machine now.
     *
     * @param peers the ids this node knows, in order (its peer list)
     */
    public <H extends ProtocolHandler> Node<H> add(String id, H handler, List<String> peers) {
        if (nodes.containsKey(id)) {
            throw new IllegalArgumentException("a node named " + id + " is already in the mesh");
        }
        Node<H> node = new Node<>(id, handler, peers);
        nodes.put(id, node);
        node.start();
        return node;
    }

    public Node<?> node(String id) {
        Node<?> node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node named " + id + " in the mesh");
        }
        return node;
    }

    /** Runs {@code action} at {@code delay} from now, outside any node: how drivers add work and faults. */
    public Cancellable at(Duration delay, Runnable action) {
        return queue.add(now + delay.toNanos(), action);
    }

    /** Runs the next due action; false when nothing is left. */
    public boolean step() {
        while (!queue.isEmpty()) {
            EventQueue.Entry entry = queue.poll();
            if (!entry.take()) {
                continue; // cancelled (cancelling takes an entry out of the queue: never met today)
            }
            now = entry.time;
            processed++;
            try {
                entry.run();
            } catch (RuntimeException e) {
                bus.publish(new MeshEvent.NodeError(now, "virtual-mesh", "internal error, action skipped: " + e));
            }
            return true;
        }
        return false;
    }

    /** Runs every action due up to {@code endNanos}, then sets the clock there. */
    public void runUntil(long endNanos) {
        while (!queue.isEmpty() && queue.peekTime() <= endNanos) {
            step();
        }
        now = Math.max(now, endNanos);
    }

    public void runFor(Duration duration) {
        runUntil(now + duration.toNanos());
    }

    /** The last message encoded, and its line: a broadcast encodes its one message once. */
    private Message lastMessage;
    private String lastLine;

    private String encode(Message message) {
        if (message != lastMessage) {
            lastLine = encoder.encode(message);
            lastMessage = message;
        }
        return lastLine;
    }

    static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One state machine in the virtual mesh, and the context it acts through. */
    public final class Node<H extends ProtocolHandler> implements MeshContext {
        private final String id;
        private H handler;
        private final List<String> sharedPeers;
        private final Group group;
        private List<String> peers;
        private final SplittableRandom random;
        private boolean alive;
        /** Bumped on every kill: timers set by an earlier life never fire. */
        private int generation;

        private Node(String id, H handler, List<String> peerList) {
            this.id = id;
            this.handler = handler;
            // Nodes of one mesh share one list and one set: a mesh of n phones holds O(n) ids, not O(n²).
            this.sharedPeers = peerList;
            this.group = groups.computeIfAbsent(peerList, Group::new);
            this.random = new SplittableRandom(mix(options.seed(), id.hashCode()));
        }

        private void start() {
            alive = true;
            handler.start(this);
            bus.publish(new MeshEvent.NodeStarted(now, id, handler.role(), "virtual"));
        }

        public H handler() {
            return handler;
        }

        public boolean alive() {
            return alive;
        }

        /** The device crashes: its state is gone, its timers never fire, messages to it are refused. */
        public void kill() {
            if (alive) {
                alive = false;
                generation++;
                bus.publish(new MeshEvent.NodeStopped(now, id));
            }
        }

        /** The device comes back with a fresh state machine. */
        public void revive(H fresh) {
            if (!alive) {
                handler = fresh;
                start();
            }
        }

        @Override
        public String self() {
            return id;
        }

        @Override
        public long now() {
            return now;
        }

        @Override
        public List<String> peers() {
            if (peers == null) {
                peers = sharedPeers.stream().filter(p -> !p.equals(id)).toList();
            }
            return peers;
        }

        @Override
        public boolean isPeer(String peer) {
            return !peer.equals(id) && group.contains(peer);
        }

        /** Every node of a virtual mesh runs MeshBench's own state machines. */
        @Override
        public int extensionLevel(String peer) {
            return nodes.containsKey(peer) ? MessageEncoder.EXTENSION_LEVEL : 0;
        }

        @Override
        public void send(String peer, Message message) {
            String line = options.wire() ? encode(message) : "";
            if (options.messageEvents() && !MessageType.isHeartbeat(message.type())) {
                bus.publish(new MeshEvent.MessageSent(now, id, peer, message.type().name(), message.taskId(), line));
            }
            Node<?> target = group.node(peer);
            NetworkModel network = options.network();
            if (target == null) {
                fail(peer, message, 0, peer + " is not in the mesh, so its address is unknown");
            } else if (!network.connected(id, peer)) {
                fail(peer, message, network.connectTimeoutNanos(), "cannot reach " + peer + ": connect timed out");
            } else if (network.lost(networkRandom)) {
                // gone without a word
            } else {
                long delay = network.delay(networkRandom);
                queue.add(new Delivery(now + delay, this, target, message, line, delay));
            }
        }

        private void receive(Message sent, String line) {
            Message message = sent;
            if (options.wire()) {
                try {
                    message = decoder.decode(line).message();
                } catch (ProtocolException e) {
                    bus.publish(new MeshEvent.InputRejected(now, id, sent.sender(), e.getMessage(), e.excerpt()));
                    return;
                }
            }
            if (options.messageEvents() && !MessageType.isHeartbeat(message.type())) {
                bus.publish(new MeshEvent.MessageReceived(now, id, message.sender(), message.type().name(),
                        message.taskId(), line));
            }
            handler.onMessage(message);
        }

        private void fail(String peer, Message message, long after, String reason) {
            schedule(Duration.ofNanos(after), () -> {
                bus.publish(new MeshEvent.DeliveryFailed(now, id, peer, message.type().name(), message.taskId(), reason));
                handler.onDeliveryFailed(peer, message, reason);
            });
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable action) {
            Timer timer = new Timer(now + Math.max(0, delay.toNanos()), this, action);
            queue.add(timer);
            return timer;
        }

        @Override
        public void post(Runnable action) {
            schedule(Duration.ZERO, action);
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

    /**
     * The nodes of one peer list: its ids, for {@code isPeer}, and the nodes they name, looked up in
     * the mesh's map once and then kept here. In a small mesh the ids are first compared by identity,
     * in peer-list order (the ids a node sends to are the peer list's own strings: its peers, or the
     * sender of a message it answers), which reads one short array, not a hash table and the
     * strings in it; any other id takes the hash path.
     */
    private final class Group {
        private static final int SCANNED = 32;

        final Set<String> ids;
        private final String[] order;
        private final Node<?>[] byIndex;
        private final Map<String, Node<?>> resolved;

        Group(List<String> peerList) {
            this.ids = new HashSet<>(peerList);
            this.order = peerList.size() <= SCANNED ? peerList.toArray(new String[0]) : new String[0];
            this.byIndex = new Node<?>[order.length];
            this.resolved = new HashMap<>(peerList.size() * 2);
        }

        boolean contains(String id) {
            for (String known : order) {
                if (known == id) {
                    return true;
                }
            }
            return ids.contains(id);
        }

        /** The node named {@code id}, or null when the mesh has none (nodes are never removed). */
        Node<?> node(String id) {
            String[] order = this.order;
            for (int i = 0; i < order.length; i++) {
                if (order[i] == id) {
                    Node<?> node = byIndex[i];
                    if (node == null) {
                        node = nodes.get(id);
                        byIndex[i] = node;
                    }
                    return node;
                }
            }
            Node<?> node = resolved.get(id);
            if (node == null) {
                node = nodes.get(id);
                if (node != null && ids.contains(id)) {
                    resolved.put(id, node);
                }
            }
            return node;
        }
    }

    /** A message on its way: delivered when due if its target is alive, refused otherwise. */
    private static final class Delivery extends EventQueue.Entry {
        private final Node<?> from;
        private final Node<?> target;
        private final Message message;
        private final String line;
        private final long delay;

        Delivery(long time, Node<?> from, Node<?> target, Message message, String line, long delay) {
            super(time);
            this.from = from;
            this.target = target;
            this.message = message;
            this.line = line;
            this.delay = delay;
        }

        @Override
        void run() {
            if (target.alive) {
                target.receive(message, line);
            } else {
                from.fail(target.id, message, delay, "cannot reach " + target.id + ": connection refused");
            }
        }

        @Override
        void release() {
            // never handed out, so never cancelled
        }
    }

    /** A node's timer: it fires only if the node is alive and has not restarted since it was set. */
    private static final class Timer extends EventQueue.Entry {
        private final Node<?> node;
        private final int life;
        private Runnable action;

        Timer(long time, Node<?> node, Runnable action) {
            super(time);
            this.node = node;
            this.life = node.generation;
            this.action = action;
        }

        @Override
        void run() {
            if (node.alive && node.generation == life) {
                action.run();
            }
        }

        @Override
        void release() {
            action = null;
        }
    }
}
