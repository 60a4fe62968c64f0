package io.meshbench.net;

import io.meshbench.protocol.Message;
import io.meshbench.security.LinkKind;
import io.meshbench.security.NodeSecurity;
import io.meshbench.security.Tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends lines to peers, one queue and one virtual thread per peer, so that a slow or dead peer
 * holds up nobody else. A peer known to be a MeshBench peer gets one kept-open connection for all
 * its lines; any other peer (a shell agent behind netcat) gets one connection per line, as the
 * original design sends. A line that cannot be delivered is reported, never dropped in silence.
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

    /** Queues {@code line} (without newline) for {@code peer}; returns at once. */
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
        if (!link.queue.offer(new Outgoing(message, wire))) {
            failures.onFailure(peer, message, "more than " + QUEUE_LIMIT + " lines wait for " + peer
                    + "; it does not keep up");
        }
    }

    private record Outgoing(Message message, String line) {
    }

    /** Everything bound for one peer. */
    private final class Link {
        final String peer;
        final BlockingQueue<Outgoing> queue = new ArrayBlockingQueue<>(QUEUE_LIMIT);
        final Thread thread;
        Socket kept;
        volatile boolean keptBroken;

        Link(String peer) {
            this.peer = peer;
            this.thread = Thread.ofVirtual().name("outbox-" + peer).start(this::run);
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
                    dropKept();
                    continue;
                }
                if (keepAlivePeers.contains(peer) && !queue.isEmpty()) {
                    // Under load, what waited while the last write went out leaves in one write.
                    List<Outgoing> batch = new ArrayList<>(BATCH);
                    batch.add(next);
                    queue.drainTo(batch, BATCH - 1);
                    deliverKept(batch);
                } else {
                    deliver(next);
                }
            }
            dropKept();
        }

        /** Lines for a kept connection, in one write; on failure each is reported. */
        private void deliverKept(List<Outgoing> batch) {
            PeerDirectory.Peer address = directory.find(peer).orElse(null);
            String reason;
            if (address == null) {
                reason = peer + " left the peer list";
            } else {
                StringBuilder lines = new StringBuilder(batch.size() * 128);
                batch.forEach(out -> lines.append(out.line()).append('\n'));
                byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
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

        private void deliver(Outgoing out) {
            PeerDirectory.Peer address = directory.find(peer).orElse(null);
            if (address == null) {
                failures.onFailure(peer, out.message(), peer + " left the peer list");
                return;
            }
            byte[] bytes = (out.line() + "\n").getBytes(StandardCharsets.UTF_8);
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
                if (kept == null || keptBroken) {
                    dropKept();
                    Socket plain = connect(address);
                    if (security.linkTo(peer).orElse(null) == LinkKind.TLS) {
                        try {
                            plain.setSoTimeout((int) connectTimeout.toMillis());
                            Socket secured = Tls.connect(security.ssl(), plain, peer);
                            secured.setSoTimeout(0);
                            plain = secured;
                        } catch (IOException e) {
                            plain.close();
                            throw new IOException("TLS 1.3 with " + peer + " failed: " + e.getMessage(), e);
                        }
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
                return null;
            } catch (IOException e) {
                return describe(address, e);
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

        private void dropKept() {
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
