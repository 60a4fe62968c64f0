package io.meshbench.net;

import io.meshbench.protocol.LineFramer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Accepts TCP connections and cuts what they send into lines, one virtual thread per connection.
 * A connection may carry one line and close (as netcat sends) or stay open for many lines (as
 * MeshBench peers do). What a connection may cost is bounded: the line length, the number of open
 * connections, and the time a connection may sit with an unfinished line or without ever finishing
 * one.
 */
public final class LineServer implements AutoCloseable {

    /** Receives lines and errors, from the connections' threads. */
    public interface Handler {
        void onLine(String line, String remote);

        void onError(String remote, String reason, String excerpt);
    }

    /**
     * @param maxLineBytes   longest line taken
     * @param idleTimeout    how long a connection may hold an unfinished line, or stay open without a line
     * @param maxConnections connections open at once; more are closed at once, with an error
     */
    public record Limits(int maxLineBytes, Duration idleTimeout, int maxConnections) {
        /**
         * 64 KiB lines, 30 s to finish one, 4,096 connections at once: MeshBench peers keep one
         * connection each, so a mesh of thousands of phones needs thousands (about 10 KB each).
         */
        public static final Limits DEFAULT = new Limits(LineFramer.DEFAULT_MAX_LINE_BYTES, Duration.ofSeconds(30), 4096);
    }

    private final ServerSocket server;
    private final Limits limits;
    private final Handler handler;
    private final Semaphore slots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private LineServer(ServerSocket server, Limits limits, Handler handler) {
        this.server = server;
        this.limits = limits;
        this.handler = handler;
        this.slots = new Semaphore(limits.maxConnections());
        this.acceptor = Thread.ofVirtual().name("accept-" + server.getLocalPort()).start(this::acceptLoop);
    }

    /** Binds {@code host:port} (port 0 picks a free one) and starts accepting. */
    public static LineServer start(String host, int port, Limits limits, Handler handler) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(host, port), 1024);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + (port != 0 ? "; is another node on that port? pick another with --port" : ""), e);
        }
        return new LineServer(server, limits, handler);
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
            if (!slots.tryAcquire()) {
                closeQuietly(socket);
                handler.onError(remote, "too many connections at once (limit " + limits.maxConnections()
                        + "); connection closed", "");
                continue;
            }
            open.add(socket);
            Thread.ofVirtual().name("conn-" + remote).start(() -> serve(socket, remote));
        }
    }

    private void serve(Socket socket, String remote) {
        boolean[] sawLine = {false};
        LineFramer framer = new LineFramer(limits.maxLineBytes(), new LineFramer.Sink() {
            @Override
            public void onLine(String line) {
                sawLine[0] = true;
                handler.onLine(line, remote);
            }

            @Override
            public void onError(String reason, String excerpt) {
                handler.onError(remote, reason, excerpt);
            }
        });
        try (socket) {
            socket.setSoTimeout((int) limits.idleTimeout().toMillis());
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            while (true) {
                int n;
                try {
                    n = in.read(chunk);
                } catch (SocketTimeoutException e) {
                    if (framer.pendingBytes() > 0 || !sawLine[0]) {
                        handler.onError(remote, (framer.pendingBytes() > 0
                                ? "connection held an unfinished line of " + framer.pendingBytes() + " bytes"
                                : "connection sent no line") + " for " + limits.idleTimeout().toSeconds()
                                + " s; closed", "");
                        return;
                    }
                    continue;
                }
                if (n < 0) {
                    framer.endOfStream();
                    return;
                }
                framer.feed(chunk, 0, n);
            }
        } catch (IOException e) {
            if (!closed) {
                handler.onError(remote, "connection failed: " + e.getMessage(), "");
            }
        } finally {
            open.remove(socket);
            slots.release();
        }
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
        open.forEach(LineServer::closeQuietly);
        acceptor.interrupt();
    }
}
