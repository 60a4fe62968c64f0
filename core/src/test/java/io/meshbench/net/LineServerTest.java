package io.meshbench.net;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connections past the platform readers are served by virtual threads, and closing leaves no reader behind. */
class LineServerTest {

    /**
     * Once close returns, the port takes no connection: a line written to a closed node must fail to be
     * delivered (and be reported), never vanish into a listening socket that is still being let go of.
     */
    @Test
    void afterCloseReturnsTheListenerTakesNoConnection() throws Exception {
        for (int i = 0; i < 200; i++) {
            LineServer server = LineServer.start("127.0.0.1", 0, LineServer.Limits.LOCAL, new LineServer.Handler() {
                @Override
                public void onLine(String line, LineServer.Origin origin) {
                }

                @Override
                public void onError(String remote, String reason, String excerpt) {
                }
            });
            int port = server.port();
            server.close();
            try (Socket late = new Socket("127.0.0.1", port)) {
                throw new AssertionError("run " + i + ": a connection to port " + port + " was taken after close");
            } catch (java.net.ConnectException refused) {
                // what a closed node must answer
            }
        }
    }

    @Test
    void moreKeptConnectionsThanPlatformReadersAreAllServedAndCloseEndsEveryReader() throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        int count = LineServer.PLATFORM_READERS + 16;
        List<Socket> clients = new ArrayList<>();
        try (LineServer server = LineServer.start("127.0.0.1", 0, LineServer.Limits.LOCAL, new LineServer.Handler() {
            @Override
            public void onLine(String line, LineServer.Origin origin) {
                lines.add(line);
            }

            @Override
            public void onError(String remote, String reason, String excerpt) {
                errors.add(reason);
            }
        })) {
            for (int i = 0; i < count; i++) {
                Socket client = new Socket("127.0.0.1", server.port());
                clients.add(client);
                client.getOutputStream().write(("first " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < count; i++) {
                    OutputStream out = clients.get(i).getOutputStream();
                    out.write(("again " + round + " " + i + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3 * count; i++) {
                String line = lines.poll(20, TimeUnit.SECONDS);
                assertNotNull(line, "line " + i + " of " + 3 * count + " arrived; errors: " + errors);
                got.add(line);
            }
            assertEquals(count, got.stream().filter(l -> l.startsWith("first")).count());
            assertEquals(count, server.openConnections(), "every connection still open");
            assertTrue(errors.isEmpty(), errors.toString());
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (readers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, readers(), "no connection's platform thread outlives the server");
    }

    private static long readers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("conn-")).count();
    }
}
