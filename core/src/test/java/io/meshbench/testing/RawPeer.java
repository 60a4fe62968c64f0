package io.meshbench.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer made of plain sockets and nothing of MeshBench: it collects the lines sent to it and
 * sends raw bytes, so tests see exactly what crosses the wire.
 */
public final class RawPeer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

    public RawPeer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> read(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the sender closed
        }
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** The next line received, or an assertion error after {@code timeout}. */
    public String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line reached the raw peer within " + timeout);
        }
        return line;
    }

    /** The next line received within {@code timeout}, or {@code null}. */
    public String pollLine(Duration timeout) throws InterruptedException {
        return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String nextLine() throws InterruptedException {
        return nextLine(Duration.ofSeconds(20));
    }

    /** Opens a connection to {@code port}, writes {@code bytes}, and closes it. */
    public static void sendOnce(int port, byte[] bytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
        }
    }

    public static void sendOnce(int port, String text) throws IOException {
        sendOnce(port, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        server.close();
        // The port is let go of only when the accepting thread has left accept: wait for it, so that a
        // test that connects to a closed peer's port is refused, not taken in by a closing socket.
        try {
            acceptor.join(java.time.Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
