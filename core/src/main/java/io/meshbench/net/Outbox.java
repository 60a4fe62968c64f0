package io.meshbench.net;

import io.meshbench.protocol.Message;
import io.meshbench.security.LinkKind;
import io.meshbench.security.NodeSecurity;
import io.meshbench.security.Tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends lines to peers, one queue and one virtual thread per peer, so that a slow or dead peer
 * holds up nobody else. A peer known to be a MeshBench peer gets one kept-open connection for all
 * its lines; any other peer (a shell agent behind netcat) gets one connection per line, as the
 * original design sends. A line that cannot be delivered is reported, never dropped in silence.
 *
 * <p>A kept plaintext connection is non-blocking: when nothing waits for the peer, the sender's own
 * thread writes the line (no hand-off, no wake-up), and whatever the peer's socket cannot take at
 * once is finished by the peer's thread, so a peer that stops reading still holds up nobody.
 *
 * <p>In a mesh, a Java member gets TLS 1.3 on one kept connection (the handshake is paid once per
 * peer, and the server must prove the id it is sent to), a shell agent gets each line sealed with
 * its HMAC key, and anyone else nothing at all.
 */
public final class Outbox implements AutoCloseable {

    /** Hears of lines that could not be delivered. */
    @FunctionalInterface
    public interface FailureHandler {
        void onFailure(String peer, Message message, String reason);
    }

    private static final int QUEUE_LIMIT = 4096;
    private static final int BATCH = 64;
    private static final Duration IDLE_CLOSE = Duration.ofSeconds(10);
    /** How long a peer may leave a line half-written (its socket full) before its connection is dropped. */
    private static final Duration STALLED = Duration.ofSeconds(10);

    private final PeerDirectory directory;
    private final FailureHandler failures;
    private final Duration connectTimeout;
    private final NodeSecurity security;
    private final Set<String> keepAlivePeers = ConcurrentHashMap.newKeySet();
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Outbox(PeerDirectory directory, Duration connectTimeout, FailureHandler failures) {
        this(directory, connectTimeout, NodeSecurity.insecure(), failures);
    }

    public Outbox(PeerDirectory directory, Duration connectTimeout, NodeSecurity security, FailureHandler failures) {
        this.security = security;
        this.directory = directory;
        this.connectTimeout = connectTimeout;
        this.failures = failures;
    }

    /** Marks {@code peer} as a MeshBench peer: from now on its lines share one kept-open connection. */
    public void markKeepAlive(String peer) {
        keepAlivePeers.add(peer);
    }

    /**
     * Sends {@code line} (without newline) to {@code peer}, or queues it; returns at once, never
     * waiting on the peer. On a kept plaintext connection with nothing queued before it, the line is
     * written here, on the caller's thread, without blocking (the connection is non-blocking); what
     * the socket does not take at once, and every other line, goes through the peer's own thread.
     */
    public void send(String peer, Message message, String line) {
        if (closed) {
            failures.onFailure(peer, message, "the node is stopping");
            return;
        }
        if (directory.find(peer).isEmpty()) {
            failures.onFailure(peer, message, peer + " is not in the peer list, so its address is unknown");
            return;
        }
        LinkKind kind = security.linkTo(peer).orElse(null);
        if (kind == null) {
            failures.onFailure(peer, message, security.notAMember(peer));
            return;
        }
        if (kind == LinkKind.TLS) {
            keepAlivePeers.add(peer);
        }
        String wire = security.outgoing(peer, line, System.currentTimeMillis() / 1000);
        Link link = links.computeIfAbsent(peer, Link::new);
        if (link.channel != null && holder != null && holder.getAsBoolean()) {
            if (link.held.isEmpty()) {
                heldLinks.add(link);
            }
            link.held.add(new Outgoing(message, wire, null, null));
            return;
        }
        if (!link.tryDirect(List.of(message), bytesOf(wire))) {
            link.enqueue(new Outgoing(message, wire, null, null));
        }
    }

    /**
     * From now on, lines for kept plaintext connections sent while {@code holding} answers true (the
     * node's input is running on this thread) wait for {@link #flush}: everything one run of the
     * node's inputs sends to a peer leaves in one write, when the node goes idle.
     */
    public void holdWhile(java.util.function.BooleanSupplier holding) {
        this.holder = holding;
    }

    /** Writes the lines held since the last flush, one write per peer; call where they were held. */
    public void flush() {
        if (heldLinks.isEmpty()) {
            return;
        }
        for (Link link : heldLinks) {
            link.flushHeld();
        }
        heldLinks.clear();
    }

    private volatile java.util.function.BooleanSupplier holder;
    /** Links with held lines; touched only by the thread running the node's inputs. */
    private final List<Link> heldLinks = new ArrayList<>();

    /** The bytes of the last line written, so that a broadcast turns its one line into bytes once. */
    private record Encoded(String line, byte[] bytes) {
    }

    private volatile Encoded lastEncoded = new Encoded("", new byte[0]);

    private byte[] bytesOf(String line) {
        Encoded last = lastEncoded;
        if (last.line() == line) {
            return last.bytes();
        }
        int n = line.length();
        byte[] bytes = new byte[n + 1];
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            char c = line.charAt(i);
            ascii = c < 0x80;
            bytes[i] = (byte) c;
        }
        if (!ascii) {
            byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
            bytes = java.util.Arrays.copyOf(utf8, utf8.length + 1);
        }
        bytes[bytes.length - 1] = '\n';
        lastEncoded = new Encoded(line, bytes);
        return bytes;
    }

    /**
     * A line, or the rest of lines that a direct write left half-sent ({@code rest}, and the
     * messages it carries), which must leave before anything else.
     */
    private record Outgoing(Message message, String line, ByteBuffer rest, List<Message> restMessages) {
    }

    /** Everything bound for one peer. */
    private final class Link {
        final String peer;
        final LinkedBlockingDeque<Outgoing> queue = new LinkedBlockingDeque<>();
        /** Lines queued or being written by the link's thread; bounded by {@link #QUEUE_LIMIT}. */
        final AtomicInteger pending = new AtomicInteger();
        /** Held by whoever writes on the kept connection: the link's thread or a direct writer. */
        final ReentrantLock writing = new ReentrantLock();
        final Thread thread;
        /** The kept plaintext connection (non-blocking), while it is open; written under {@link #writing}. */
        volatile SocketChannel channel;
        final ByteBuffer probe = ByteBuffer.allocate(256);
        /** The kept TLS connection. */
        Socket kept;
        volatile boolean keptBroken;
        volatile long lastWrite = System.nanoTime();

        Link(String peer) {
            this.peer = peer;
            this.thread = Thread.ofVirtual().name("outbox-" + peer).start(this::run);
        }

        /** Lines held for one write at the next flush; touched only by the thread running the node's inputs. */
        List<Outgoing> held = new ArrayList<>();

        void enqueue(Outgoing out) {
            if (pending.incrementAndGet() > QUEUE_LIMIT) {
                pending.decrementAndGet();
                failures.onFailure(peer, out.message(), "more than " + QUEUE_LIMIT + " lines wait for " + peer
                        + "; it does not keep up");
                return;
            }
            queue.offer(out);
        }

        void flushHeld() {
            List<Outgoing> lines = held;
            held = new ArrayList<>();
            byte[] bytes;
            if (lines.size() == 1) {
                bytes = bytesOf(lines.getFirst().line());
            } else {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(lines.size() * 128);
                lines.forEach(out -> all.writeBytes(bytesOf(out.line())));
                bytes = all.toByteArray();
            }
            if (!tryDirect(lines.stream().map(Outgoing::message).toList(), bytes)) {
                lines.forEach(this::enqueue);
            }
        }

        /** Writes the lines on this thread if the kept channel is open and nothing waits before them. */
        boolean tryDirect(List<Message> messages, byte[] lines) {
            if (channel == null || pending.get() != 0 || !writing.tryLock()) {
                return false;
            }
            try {
                SocketChannel open = channel;
                if (open == null || !pending.compareAndSet(0, 1)) {
                    return false;
                }
                ByteBuffer bytes = ByteBuffer.wrap(lines);
                try {
                    if (!alive(open)) {
                        pending.decrementAndGet();
                        dropKept();
                        return false; // the link's thread reconnects
                    }
                    open.write(bytes);
                    lastWrite = System.nanoTime();
                } catch (IOException e) {
                    pending.decrementAndGet();
                    dropKept();
                    return false; // the link's thread makes one fresh try, as for any kept line
                }
                if (bytes.hasRemaining()) {
                    // The peer's socket is full: the link's thread writes the rest, first of all.
                    queue.offerFirst(new Outgoing(messages.getFirst(), null, bytes, messages));
                } else {
                    pending.decrementAndGet();
                }
                return true;
            } finally {
                writing.unlock();
            }
        }

        private void run() {
            while (!closed) {
                Outgoing next;
                try {
                    next = queue.poll(IDLE_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    break;
                }
                if (next == null) {
                    if (System.nanoTime() - lastWrite >= IDLE_CLOSE.toNanos() && writing.tryLock()) {
                        try {
                            if (pending.get() == 0) {
                                dropKept();
                            }
                        } finally {
                            writing.unlock();
                        }
                    }
                    continue;
                }
                List<Outgoing> batch = new ArrayList<>(BATCH);
                batch.add(next);
                writing.lock();
                try {
                    if (keepAlivePeers.contains(peer)) {
                        // Under load, what waited while the last write went out leaves in one write.
                        queue.drainTo(batch, BATCH - 1);
                        deliverKept(batch);
                    } else {
                        deliver(next);
                    }
                    lastWrite = System.nanoTime();
                } finally {
                    writing.unlock();
                    pending.addAndGet(-batch.size());
                }
            }
            writing.lock();
            try {
                dropKept();
            } finally {
                writing.unlock();
            }
        }

        /** Lines for a kept connection, in one write; on failure each is reported. */
        private void deliverKept(List<Outgoing> batch) {
            PeerDirectory.Peer address = directory.find(peer).orElse(null);
            String reason;
            if (address == null) {
                reason = peer + " left the peer list";
            } else {
                ByteBuffer rest = batch.getFirst().rest();
                if (rest != null) {
                    // The rest of a line half-written on this connection: no other connection may carry it.
                    reason = finish(rest);
                    if (reason != null) {
                        dropKept();
                        for (Message m : batch.getFirst().restMessages()) {
                            failures.onFailure(peer, m, reason);
                        }
                    }
                    batch = batch.subList(1, batch.size());
                    if (batch.isEmpty()) {
                        return;
                    }
                }
                java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream(batch.size() * 128);
                batch.forEach(out -> lines.writeBytes(bytesOf(out.line())));
                byte[] bytes = lines.toByteArray();
                reason = writeKept(address, bytes);
                if (reason != null) {
                    dropKept();
                    reason = writeKept(address, bytes);
                }
            }
            if (reason != null) {
                dropKept();
                for (Outgoing out : batch) {
                    failures.onFailure(peer, out.message(), reason);
                }
            }
        }

        private String finish(ByteBuffer rest) {
            SocketChannel open = channel;
            if (open == null) {
                return "the connection to " + peer + " closed in the middle of a line";
            }
            try {
                writeFully(open, rest);
                return null;
            } catch (IOException e) {
                return "cannot reach " + peer + ": " + e.getMessage();
            }
        }

        private void deliver(Outgoing out) {
            PeerDirectory.Peer address = directory.find(peer).orElse(null);
            if (address == null) {
                failures.onFailure(peer, out.message(), peer + " left the peer list");
                return;
            }
            byte[] bytes = bytesOf(out.line());
            String reason;
            if (keepAlivePeers.contains(peer)) {
                reason = writeKept(address, bytes);
                if (reason != null) {
                    // The kept connection may have died since its last use: one fresh try.
                    dropKept();
                    reason = writeKept(address, bytes);
                }
            } else {
                reason = writeOnce(address, bytes);
            }
            if (reason != null) {
                dropKept();
                failures.onFailure(peer, out.message(), reason);
            }
        }

        private String writeKept(PeerDirectory.Peer address, byte[] bytes) {
            try {
                if (security.linkTo(peer).orElse(null) == LinkKind.TLS) {
                    writeTls(address, bytes);
                    return null;
                }
                SocketChannel open = channel;
                if (open != null && !alive(open)) {
                    dropKept();
                    open = null;
                }
                if (open == null) {
                    open = connectChannel(address);
                    channel = open;
                }
                writeFully(open, ByteBuffer.wrap(bytes));
                return null;
            } catch (IOException e) {
                return describe(address, e);
            }
        }

        private void writeTls(PeerDirectory.Peer address, byte[] bytes) throws IOException {
            if (kept == null || keptBroken) {
                dropKept();
                Socket plain = connect(address);
                try {
                    plain.setSoTimeout((int) connectTimeout.toMillis());
                    Socket secured = Tls.connect(security.ssl(), plain, peer);
                    secured.setSoTimeout(0);
                    plain = secured;
                } catch (IOException e) {
                    plain.close();
                    throw new IOException("TLS 1.3 with " + peer + " failed: " + e.getMessage(), e);
                }
                kept = plain;
                Socket watched = kept;
                keptBroken = false;
                // Peers never write back on this connection: a read that returns means it closed.
                Thread.ofVirtual().start(() -> watch(watched));
            }
            OutputStream out = kept.getOutputStream();
            out.write(bytes);
            out.flush();
        }

        /**
         * Whether the kept channel is still open at the peer's end: peers never write back, so a read
         * that finds the end of the stream (or an error) means the peer closed it.
         */
        private boolean alive(SocketChannel open) {
            try {
                int n;
                while ((n = open.read(probe)) > 0) {
                    probe.clear(); // nothing is expected back: discard
                }
                return n == 0;
            } catch (IOException e) {
                return false;
            }
        }

        private SocketChannel connectChannel(PeerDirectory.Peer address) throws IOException {
            SocketChannel open = SocketChannel.open();
            try {
                open.setOption(StandardSocketOptions.TCP_NODELAY, true);
                open.socket().connect(address.address(), (int) connectTimeout.toMillis());
                open.configureBlocking(false);
                return open;
            } catch (IOException e) {
                open.close();
                throw e;
            }
        }

        /**
         * Writes all of {@code bytes} on the non-blocking channel, waiting for room as long as the peer reads.
         * The wait parks (never a {@code Selector}, which would hold a virtual thread's carrier for up to
         * {@link #STALLED} and starve every other link and reader of the process's few carriers).
         */
        private void writeFully(SocketChannel open, ByteBuffer bytes) throws IOException {
            long stalledSince = 0;
            long pause = 20_000;
            while (bytes.hasRemaining()) {
                if (open.write(bytes) > 0) {
                    stalledSince = 0;
                    pause = 20_000;
                    continue;
                }
                long now = System.nanoTime();
                if (stalledSince == 0) {
                    stalledSince = now;
                } else if (now - stalledSince >= STALLED.toNanos()) {
                    throw new IOException(peer + " has read nothing for " + STALLED.toSeconds()
                            + " s; connection dropped");
                }
                if (closed) {
                    throw new IOException("the node is stopping");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, 5_000_000); // up to 5 ms between tries while the peer's socket is full
            }
        }

        private void watch(Socket socket) {
            try {
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // discard: nothing is expected back
                }
            } catch (IOException ignored) {
                // closed by us or by the peer
            }
            if (socket == kept) {
                keptBroken = true;
            }
        }

        private String writeOnce(PeerDirectory.Peer address, byte[] bytes) {
            try (Socket socket = connect(address)) {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
                socket.shutdownOutput();
                return null;
            } catch (IOException e) {
                return describe(address, e);
            }
        }

        private Socket connect(PeerDirectory.Peer address) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(address.address(), (int) connectTimeout.toMillis());
                return socket;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        /** Closes the kept connection; call holding {@link #writing} (or from the link's own thread). */
        private void dropKept() {
            SocketChannel open = channel;
            channel = null;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
            if (kept != null) {
                try {
                    kept.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
                kept = null;
            }
        }

        private String describe(PeerDirectory.Peer address, IOException e) {
            return "cannot reach " + peer + " at " + address.hostPort() + ": " + e.getMessage();
        }
    }

    @Override
    public void close() {
        closed = true;
        links.values().forEach(link -> link.thread.interrupt());
    }
}
