package io.meshbench.testing;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.PluginContext.Cancellable;
import io.meshbench.protocol.Message;
import io.meshbench.runtime.MeshContext;
import io.meshbench.runtime.ProtocolHandler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A {@link MeshContext} driven by hand, for testing a state machine with no sockets, no threads and
 * no real clock.
 *
 * <ul>
 *   <li>The clock starts at {@link #START} and moves only through {@link #advance(Duration)}, which
 *       runs every scheduled action that falls due, in (time, scheduling order) order, with the
 *       clock set to the action's own time.</li>
 *   <li>{@link #send} delivers nothing: it records the peer and the message ({@link #sent()}). A
 *       peer marked {@link #unreachable(String, String) unreachable} additionally gets its delivery
 *       failure posted back to the handler, as a runtime would report it later.</li>
 *   <li>{@link #post} queues the action; {@link #runPosted()} runs the queue, and so does
 *       {@link #advance} after every action it runs.</li>
 *   <li>{@link #emit} records the event ({@link #events()}).</li>
 * </ul>
 * Hand a handler to {@link #start(ProtocolHandler)} and feed it with {@link #deliver(Message)}.
 */
public final class ManualContext implements MeshContext {

    /** The clock's start: 2023-11-14T22:13:20Z, in nanoseconds since the epoch. */
    public static final long START = 1_700_000_000_000_000_000L;

    /** One message handed to {@link #send}. */
    public record Sent(String peer, Message message) {
    }

    private record Scheduled(long time, long sequence, Runnable action, boolean[] cancelled)
            implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final String self;
    private final SplittableRandom random;
    private final PriorityQueue<Scheduled> scheduled = new PriorityQueue<>();
    private final Deque<Runnable> posted = new ArrayDeque<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<MeshEvent> events = new ArrayList<>();
    private final Map<String, String> unreachable = new LinkedHashMap<>();
    private final Map<String, Integer> levels = new LinkedHashMap<>();
    private List<String> peers;
    private ProtocolHandler handler;
    private long now = START;
    private long sequence;

    public ManualContext(String self, long seed, List<String> peers) {
        this.self = Objects.requireNonNull(self, "self");
        this.random = new SplittableRandom(seed);
        setPeers(peers);
    }

    public ManualContext(String self, String... peers) {
        this(self, 42L, List.of(peers));
    }

    // ---- driving the handler -------------------------------------------------------------------

    /** Starts {@code h} with this context and remembers it for {@link #deliver} and delivery failures. */
    public <H extends ProtocolHandler> H start(H h) {
        if (handler != null) {
            throw new IllegalStateException("a handler is already started on " + self);
        }
        handler = Objects.requireNonNull(h, "handler");
        h.start(this);
        return h;
    }

    /** Hands {@code message} to the handler, as if it had just arrived. Posted actions are not run. */
    public void deliver(Message message) {
        handler().onMessage(message);
    }

    /** Reports a delivery failure of {@code message} to {@code peer} to the handler, now. */
    public void failDelivery(String peer, Message message, String reason) {
        handler().onDeliveryFailed(peer, message, reason);
    }

    /**
     * Every message sent to {@code peer} from now on fails: the failure is posted back to the
     * handler's {@link ProtocolHandler#onDeliveryFailed} (run it with {@link #runPosted()}).
     */
    public void unreachable(String peer, String reason) {
        unreachable.put(peer, reason);
    }

    /** {@code peer} announced MeshBench extension level {@code level} (1: protocol v1, liveness). */
    public void announce(String peer, int level) {
        levels.put(peer, level);
    }

    /** Makes {@code peer} reachable again. */
    public void reachable(String peer) {
        unreachable.remove(peer);
    }

    private ProtocolHandler handler() {
        if (handler == null) {
            throw new IllegalStateException("no handler started on " + self + "; call start(handler) first");
        }
        return handler;
    }

    // ---- clock and queues ----------------------------------------------------------------------

    /**
     * Moves the clock forward by {@code delay}, running posted actions and then every scheduled
     * action that falls due (the clock reads the action's own time while it runs), each followed by
     * whatever it posted. Actions scheduled on the way run too when they fall within the window.
     */
    public void advance(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the clock cannot go back: " + delay);
        }
        long target = Math.addExact(now, delay.toNanos());
        runPosted();
        while (!scheduled.isEmpty() && scheduled.peek().time() <= target) {
            Scheduled next = scheduled.poll();
            if (next.cancelled()[0]) {
                continue;
            }
            next.cancelled()[0] = true; // has run: a later cancel does nothing
            now = next.time();
            next.action().run();
            runPosted();
        }
        now = target;
    }

    /** Runs the posted actions, including those they post, until the queue is empty; returns how many ran. */
    public int runPosted() {
        int ran = 0;
        Runnable action;
        while ((action = posted.poll()) != null) {
            action.run();
            ran++;
        }
        return ran;
    }

    /** Actions posted and not yet run. */
    public int postedCount() {
        return posted.size();
    }

    /** Scheduled actions neither run nor cancelled. */
    public int pendingTimers() {
        int pending = 0;
        for (Scheduled s : scheduled) {
            if (!s.cancelled()[0]) {
                pending++;
            }
        }
        return pending;
    }

    /** Nanoseconds since {@link #START}. */
    public long elapsed() {
        return now - START;
    }

    // ---- what the handler did ------------------------------------------------------------------

    /** Every message sent, in order (failed deliveries included). */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The messages of type {@code type} sent, in order. */
    public <T extends Message> List<T> sent(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Sent s : sent) {
            if (type.isInstance(s.message())) {
                out.add(type.cast(s.message()));
            }
        }
        return out;
    }

    /** The messages of type {@code type} sent to {@code peer}, in order. */
    public <T extends Message> List<T> sentTo(String peer, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Sent s : sent) {
            if (s.peer().equals(peer) && type.isInstance(s.message())) {
                out.add(type.cast(s.message()));
            }
        }
        return out;
    }

    /** Every event emitted, in order. */
    public List<MeshEvent> events() {
        return List.copyOf(events);
    }

    /** The events of type {@code type} emitted, in order. */
    public <T extends MeshEvent> List<T> events(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (MeshEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** The one event of type {@code type}; fails, listing every event, when there is none or several. */
    public <T extends MeshEvent> T single(Class<T> type) {
        List<T> found = events(type);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type.getSimpleName() + " but found " + found.size()
                    + "; events: " + describeEvents());
        }
        return found.get(0);
    }

    /** The one message of type {@code type} sent; fails, listing every message, when there is none or several. */
    public <T extends Message> T singleSent(Class<T> type) {
        List<T> found = sent(type);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type.getSimpleName() + " sent but found "
                    + found.size() + "; sent: " + sent);
        }
        return found.get(0);
    }

    /** The events, one a line, for failure messages. */
    public String describeEvents() {
        StringBuilder out = new StringBuilder();
        for (MeshEvent e : events) {
            out.append("\n  +").append((e.time() - START) / 1_000_000).append("ms ").append(e);
        }
        return out.toString();
    }

    /** Forgets the messages sent and the events emitted (the clock and the queues stay). */
    public void clear() {
        sent.clear();
        events.clear();
    }

    public void setPeers(List<String> peers) {
        this.peers = List.copyOf(peers);
    }

    // ---- MeshContext ---------------------------------------------------------------------------

    @Override
    public String self() {
        return self;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public List<String> peers() {
        return peers;
    }

    @Override
    public int extensionLevel(String peer) {
        return levels.getOrDefault(peer, 0);
    }

    @Override
    public void send(String peer, Message message) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(message, "message");
        sent.add(new Sent(peer, message));
        String reason = unreachable.get(peer);
        if (reason != null) {
            posted.add(() -> handler().onDeliveryFailed(peer, message, reason));
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        Scheduled s = new Scheduled(Math.addExact(now, delay.toNanos()), sequence++, Objects.requireNonNull(action),
                new boolean[1]);
        scheduled.add(s);
        return () -> s.cancelled()[0] = true;
    }

    @Override
    public void post(Runnable action) {
        posted.add(Objects.requireNonNull(action, "action"));
    }

    @Override
    public void emit(MeshEvent event) {
        events.add(Objects.requireNonNull(event, "event"));
    }

    @Override
    public RandomGenerator random() {
        return random;
    }
}
