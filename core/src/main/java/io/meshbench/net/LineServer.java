package io.meshbench.net;

import io.meshbench.protocol.LineFramer;
import io.meshbench.security.Tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Accepts TCP connections and cuts what they send into lines, one thread per connection: a platform
 * thread for each of the first {@link #PLATFORM_READERS} connections open at once, a virtual thread
 * beyond. A platform thread blocked in a read is woken by the kernel when bytes arrive; a virtual
 * one waits through the JDK's poller (an epoll registration per read, a wake-up of the poller, then
 * of a carrier thread), which on loopback costs more than the rest of a message's handling. A mesh's
 * kept connections are few (one per peer), so they get the direct path; thousands of phones still
 * cost a virtual thread each.
 * A connection may carry one line and close (as netcat sends) or stay open for many lines (as
 * MeshBench peers do). What a connection may cost is bounded: the line length, the number of open
 * connections in all and from one address, the time one line may take from its first byte to its
 * newline, and the time a connection may go without a whole line; neither deadline restarts at a
 * single byte, so trickling connections cannot hold slots.
 *
 * <p>With a TLS context, a connection whose first byte opens a TLS handshake is served over TLS 1.3
 * (both sides' certificates checked) and its lines carry the id the client's certificate proved;
 * any other connection is plain TCP (netcat, shell agents) and its lines carry no proved id.
 */
public final class LineServer implements AutoCloseable {

    /** Receives lines and errors, from the connections' threads. */
    public interface Handler {
        void onLine(String line, Origin origin);

        void onError(String remote, String reason, String excerpt);
    }

    /**
     * Where a line came from.
     *
     * @param remote   the remote address and port
     * @param identity the device id the link's TLS certificate proved, {@code null} on plain TCP
     */
    public record Origin(String remote, String identity) {
    }

    /**
     * @param maxLineBytes   longest line taken
     * @param idleTimeout    how long a connection may go without a whole line (from its opening or its
     *                       last line), however many bytes trickle in
     * @param maxConnections connections open at once; more are closed at once, with an error
     * @param lineTimeout    how long one line (and a TLS handshake) may take from its first byte
     * @param maxPerAddress  connections open at once from one remote address
     */
    public record Limits(int maxLineBytes, Duration idleTimeout, int maxConnections, Duration lineTimeout,
                         int maxPerAddress) {
        /**
         * 64 KiB lines; 10 s for a line, 60 s without one; 4,096 connections at once, 256 from one
         * address. MeshBench peers keep one connection each, so a mesh of thousands of phones needs
         * thousands (about 10 KB each); phones on USB (adb forward) all come from 127.0.0.1.
         */
        public static final Limits DEFAULT = new Limits(LineFramer.DEFAULT_MAX_LINE_BYTES, Duration.ofSeconds(60), 4096,
                Duration.ofSeconds(10), 256);

        /** For a mesh in one process on loopback: every node connects from 127.0.0.1. */
        public static final Limits LOCAL = new Limits(LineFramer.DEFAULT_MAX_LINE_BYTES, Duration.ofSeconds(60), 4096,
                Duration.ofSeconds(10), 4096);

        /** One deadline for a line and for idleness, no limit per address beyond the total. */
        public Limits(int maxLineBytes, Duration idleTimeout, int maxConnections) {
            this(maxLineBytes, idleTimeout, maxConnections, idleTimeout, maxConnections);
        }

        public Limits {
            if (maxPerAddress < 1 || maxConnections < 1) {
                throw new IllegalArgumentException("connection limits must be at least 1");
            }
        }
    }

    /** Connections served by platform threads at once, per server; the rest get virtual threads. */
    public static final int PLATFORM_READERS = 64;

    private final ServerSocket server;
    private final java.util.concurrent.atomic.AtomicInteger platformReaders = new java.util.concurrent.atomic.AtomicInteger();
    private final Limits limits;
    private final Handler handler;
    private final Semaphore slots;
    private final SSLContext tls;
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Thread sweeper;
    private volatile boolean closed;

    private LineServer(ServerSocket server, Limits limits, SSLContext tls, Handler handler) {
        this.server = server;
        this.tls = tls;
        this.limits = limits;
        this.handler = handler;
        this.slots = new Semaphore(limits.maxConnections());
        this.acceptor = Thread.ofVirtual().name("accept-" + server.getLocalPort()).start(this::acceptLoop);
        this.sweeper = Thread.ofVirtual().name("deadlines-" + server.getLocalPort()).start(this::sweep);
    }

    /** Binds {@code host:port} (port 0 picks a free one) and starts accepting plain TCP only. */
    public static LineServer start(String host, int port, Limits limits, Handler handler) throws IOException {
        return start(host, port, limits, null, handler);
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and starts accepting; with {@code tls}, TLS
     * 1.3 connections too (see the class comment).
     */
    public static LineServer start(String host, int port, Limits limits, SSLContext tls, Handler handler)
            throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(host, port), 1024);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + (port != 0 ? "; is another node on that port? pick another with --port" : ""), e);
        }
        return new LineServer(server, limits, tls, handler);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    handler.onError("listener :" + port(), "accept failed: " + e.getMessage()
                            + (String.valueOf(e.getMessage()).contains("Too many open files")
                            ? "; raise the open-file limit (ulimit -n) for meshes this large" : ""), "");
                    pause(); // e.g. out of file descriptors: do not spin while the condition lasts
                }
                continue;
            }
            String remote = remote(socket);
            InetAddress address = socket.getInetAddress();
            if (!slots.tryAcquire()) {
                closeQuietly(socket);
                handler.onError(remote, "too many connections at once (limit " + limits.maxConnections()
                        + "); connection closed", "");
                continue;
            }
            if (perAddress.merge(address, 1, Integer::sum) > limits.maxPerAddress()) {
                release(address);
                slots.release();
                closeQuietly(socket);
                handler.onError(remote, "too many connections at once from " + address.getHostAddress() + " (limit "
                        + limits.maxPerAddress() + " per address); connection closed", "");
                continue;
            }
            open.add(socket);
            boolean platform = platformReaders.incrementAndGet() <= PLATFORM_READERS;
            if (!platform) {
                platformReaders.decrementAndGet();
            }
            Runnable connection = () -> {
                try {
                    serve(socket, remote);
                } finally {
                    release(address);
                    if (platform) {
                        platformReaders.decrementAndGet();
                    }
                }
            };
            try {
                (platform ? Thread.ofPlatform().daemon() : Thread.ofVirtual()).name("conn-" + remote).start(connection);
            } catch (OutOfMemoryError e) { // no more native threads: this connection cannot be served
                open.remove(socket);
                release(address);
                slots.release();
                if (platform) {
                    platformReaders.decrementAndGet();
                }
                closeQuietly(socket);
                handler.onError(remote, "cannot start a thread for the connection (" + e.getMessage()
                        + "); connection closed", "");
            }
        }
    }

    /**
     * One connection as the deadline sweeper sees it. Its reads wait without a timeout: a timed read
     * costs three system calls per line (a read that finds nothing, a poll, the read) where an untimed
     * one on a platform thread costs one, so the deadlines are kept by {@link #sweep} instead, which
     * closes a connection that missed one (and the blocked read then ends).
     */
    private static final class Connection {
        static final int FIRST_BYTE = 0;
        static final int HANDSHAKE = 1;
        static final int LINES = 2;

        final Socket plain;
        final String remote;
        volatile int phase = FIRST_BYTE;
        /** When the phase began (FIRST_BYTE, HANDSHAKE). */
        volatile long since = System.nanoTime();
        /** When the last whole line ended (or the link was ready for lines). */
        volatile long lastLine = since;
        /** When the unfinished line began; meaningful while {@link #pendingBytes} is above 0. */
        volatile long lineStart;
        volatile int pendingBytes;
        /** Set by the sweeper before it closes the socket: the read that fails then is not an error. */
        volatile boolean expired;

        Connection(Socket plain, String remote) {
            this.plain = plain;
            this.remote = remote;
        }
    }

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    /** Closes every connection past its deadline, with the reason; runs until the server closes. */
    private void sweep() {
        long min = Math.min(limits.lineTimeout().toNanos(), limits.idleTimeout().toNanos());
        long period = Math.clamp(min / 8, 5_000_000L, 250_000_000L);
        while (!closed) {
            try {
                Thread.sleep(Duration.ofNanos(period));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Connection c : connections) {
                String reason = overdue(c, now);
                if (reason != null && !c.expired) {
                    c.expired = true;
                    handler.onError(c.remote, reason, "");
                    closeQuietly(c.plain);
                }
            }
        }
    }

    /** Why {@code c} is past a deadline at {@code now}, or {@code null} if it is not. */
    private String overdue(Connection c, long now) {
        long lineLimit = limits.lineTimeout().toNanos();
        return switch (c.phase) {
            case Connection.FIRST_BYTE -> now - c.since >= lineLimit
                    ? "connection sent nothing for " + seconds(limits.lineTimeout()) + "; closed" : null;
            case Connection.HANDSHAKE -> now - c.since >= lineLimit
                    ? "TLS handshake failed (not a member of this mesh?): it took more than "
                    + seconds(limits.lineTimeout()) + "; connection closed" : null;
            default -> {
                int pending = c.pendingBytes;
                if (pending > 0) {
                    yield now - c.lineStart >= lineLimit
                            ? "connection held an unfinished line of " + pending + " bytes for more than "
                            + seconds(limits.lineTimeout()) + " (the limit for one line); connection closed" : null;
                }
                yield now - c.lastLine >= limits.idleTimeout().toNanos()
                        ? "connection sent no whole line for " + seconds(limits.idleTimeout()) + "; connection closed" : null;
            }
        };
    }

    private void serve(Socket plain, String remote) {
        Connection c = new Connection(plain, remote);
        connections.add(c);
        String[] identity = {null};
        LineFramer framer = new LineFramer(limits.maxLineBytes(), new LineFramer.Sink() {
            @Override
            public void onLine(String line) {
                c.lastLine = System.nanoTime();
                handler.onLine(line, new Origin(remote, identity[0]));
            }

            @Override
            public void onError(String reason, String excerpt) {
                handler.onError(remote, reason, excerpt);
            }
        });
        Socket socket = plain;
        try {
            InputStream in = plain.getInputStream();
            int first = in.read();
            if (first < 0) {
                return;
            }
            if (Tls.startsHandshake(first)) {
                if (tls == null) {
                    handler.onError(remote, "TLS handshake to a node that runs without a mesh (plaintext, --insecure); "
                            + "connection closed: start both sides with the same --mesh DIR", "");
                    return;
                }
                SSLSocket secured;
                c.since = System.nanoTime();
                c.phase = Connection.HANDSHAKE;
                try {
                    secured = Tls.accept(tls, plain, (byte) first);
                    identity[0] = Tls.identity(secured);
                } catch (IOException e) {
                    if (!c.expired) {
                        handler.onError(remote, "TLS handshake failed (not a member of this mesh?): " + e.getMessage()
                                + "; connection closed", "");
                    }
                    return;
                }
                socket = secured;
                in = secured.getInputStream();
                c.lastLine = System.nanoTime();
            } else {
                c.lineStart = System.nanoTime();
                framer.feed(new byte[]{(byte) first}, 0, 1);
                c.pendingBytes = framer.pendingBytes();
            }
            c.phase = Connection.LINES;
            byte[] chunk = new byte[8192];
            while (true) {
                int n = in.read(chunk);
                if (n < 0) {
                    framer.endOfStream();
                    return;
                }
                long lineBefore = c.lastLine;
                framer.feed(chunk, 0, n);
                int pending = framer.pendingBytes();
                if (pending > 0 && (c.pendingBytes == 0 || c.lastLine != lineBefore)) {
                    c.lineStart = System.nanoTime(); // a new line began in this chunk
                }
                c.pendingBytes = pending;
            }
        } catch (IOException e) {
            if (!closed && !c.expired) {
                handler.onError(remote, "connection failed: " + e.getMessage(), "");
            }
        } finally {
            connections.remove(c);
            closeQuietly(socket);
            open.remove(plain);
            slots.release();
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private void release(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String remote(Socket socket) {
        InetSocketAddress address = (InetSocketAddress) socket.getRemoteSocketAddress();
        return address == null ? "?" : address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /**
     * Ends a connection at once, for the peer too: a socket closed while a platform thread is blocked
     * reading it is released (and its FIN sent) only when that thread wakes, and a peer writing in
     * between would lose its line in silence; shutting both directions down first sends the FIN now
     * and wakes the reader.
     */
    private static void shutDown(Socket socket) {
        try {
            socket.shutdownOutput();
            socket.shutdownInput();
        } catch (IOException ignored) {
            // not connected any more: close below is all there is to do
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket we refuse; nothing to report
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        // The listening socket is released only once the acceptor, blocked in accept, has let go of it:
        // until then the kernel still completes connections, and a line written on one is lost unseen.
        // So the acceptor is stopped and waited for before close returns.
        acceptor.interrupt();
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        open.forEach(LineServer::shutDown);
        sweeper.interrupt();
    }
}
