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
}
