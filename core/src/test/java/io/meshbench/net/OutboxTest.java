package io.meshbench.net;

import io.meshbench.protocol.Message;
import io.meshbench.protocol.MessageEncoder;
import io.meshbench.protocol.TaskResult;
import io.meshbench.testing.RawPeer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the outbox sends arrives whole and in order, one line per connection or many on one kept open. */
class OutboxTest {

    /** Sends {@code count} lines and returns how many connections carried them. */
    private static int sendMany(boolean keepAlive, int count) throws Exception {
        try (RawPeer peer = new RawPeer()) {
            PeerDirectory directory = new PeerDirectory(List.of(new PeerDirectory.Peer("Peer", "127.0.0.1", peer.port())));
            List<String> failures = new CopyOnWriteArrayList<>();
            Outbox outbox = new Outbox(directory, Duration.ofSeconds(3), (p, m, reason) -> failures.add(reason));
            if (keepAlive) {
                outbox.markKeepAlive("Peer");
            }
            MessageEncoder encoder = new MessageEncoder();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Message message = new TaskResult("Peer", "task_" + i, "Peer", TaskResult.COMPLETED, "line " + i);
                String line = encoder.encode(message);
                sent.add(line);
                outbox.send("Peer", message, line);
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                received.add(peer.nextLine());
            }
            outbox.close();
            assertTrue(failures.isEmpty(), failures.toString());
            if (keepAlive) {
                assertEquals(sent, received, "one kept connection keeps the order");
            } else {
                assertEquals(sent.stream().sorted().toList(), received.stream().sorted().toList(), "every line, once");
            }
            return peer.connections();
        }
    }

    @Test
    void aBurstOnAKeptConnectionArrivesWholeAndInOrder() throws Exception {
        assertEquals(1, sendMany(true, 3000), "3,000 lines on one connection");
    }

    @Test
    void oneConnectionPerLineForPeersThatNeverSaidTheyKeepConnections() throws Exception {
        assertEquals(200, sendMany(false, 200), "a connection for each of the 200 lines, as netcat sends them");
    }

    @Test
    void aPeerThatIsNotListeningIsReportedForEveryLine() throws Exception {
        int port;
        try (RawPeer gone = new RawPeer()) {
            port = gone.port();
        }
        PeerDirectory directory = new PeerDirectory(List.of(new PeerDirectory.Peer("Gone", "127.0.0.1", port)));
        List<String> failures = new CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(5);
        Outbox outbox = new Outbox(directory, Duration.ofSeconds(3), (p, m, reason) -> {
            failures.add(reason);
            reported.countDown();
        });
        outbox.markKeepAlive("Gone");
        for (int i = 0; i < 5; i++) {
            outbox.send("Gone", new TaskResult("Gone", "task_" + i, "Gone", TaskResult.COMPLETED, ""), "x");
        }
        assertTrue(reported.await(20, TimeUnit.SECONDS), "reported: " + failures);
        outbox.close();
        assertEquals(5, failures.size(), failures.toString());
        assertTrue(failures.getFirst().contains("cannot reach Gone at 127.0.0.1:" + port), failures.getFirst());
    }

    /**
     * A peer that accepts and never reads fills its socket; lines for it then wait in its own queue,
     * while {@code send} keeps returning at once and another peer gets every line, in order.
     */
    @Test
    void aPeerThatStopsReadingHoldsUpNobodyElse() throws Exception {
        try (java.net.ServerSocket deaf = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             RawPeer listening = new RawPeer()) {
            List<java.net.Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(deaf.accept()); // and never read
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            PeerDirectory directory = new PeerDirectory(List.of(
                    new PeerDirectory.Peer("Deaf", "127.0.0.1", deaf.getLocalPort()),
                    new PeerDirectory.Peer("Listening", "127.0.0.1", listening.port())));
            List<String> failures = new CopyOnWriteArrayList<>();
            Outbox outbox = new Outbox(directory, Duration.ofSeconds(3), (p, m, reason) -> failures.add(p + ": " + reason));
            outbox.markKeepAlive("Deaf");
            outbox.markKeepAlive("Listening");
            MessageEncoder encoder = new MessageEncoder();
            String big = "x".repeat(16_000);
            List<String> sent = new ArrayList<>();
            CountDownLatch allSent = new CountDownLatch(1);
            Thread sender = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1500; i++) { // 24 MB for the deaf peer: far more than its socket holds
                    Message toDeaf = new TaskResult("Deaf", "task_" + i, "Deaf", TaskResult.COMPLETED, big);
                    outbox.send("Deaf", toDeaf, encoder.encode(toDeaf));
                    Message toListening = new TaskResult("Listening", "task_" + i, "Listening", TaskResult.COMPLETED, "n" + i);
                    String line = encoder.encode(toListening);
                    sent.add(line);
                    outbox.send("Listening", toListening, line);
                }
                allSent.countDown();
            });
            assertTrue(allSent.await(30, TimeUnit.SECONDS), "send returned for every line although one peer reads nothing");
            List<String> received = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                received.add(listening.nextLine());
            }
            assertEquals(sent, received, "the listening peer got every line, in order");
            assertTrue(failures.stream().noneMatch(f -> f.startsWith("Listening")), failures.toString());
            outbox.close();
            sender.join();
            deaf.close();
            acceptor.join();
            for (java.net.Socket s : accepted) {
                s.close();
            }
        }
    }
}
