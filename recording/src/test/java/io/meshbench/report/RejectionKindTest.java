package io.meshbench.report;

import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reports count rejected inputs by kind. */
class RejectionKindTest {

    private static MeshEvent.InputRejected rejected(String reason) {
        return new MeshEvent.InputRejected(1, "Device_A", "10.0.0.9:4000", reason, "");
    }

    @Test
    void aRunsRejectionsAreCountedByKind() {
        List<MeshEvent> events = List.of(
                rejected("plaintext line refused: this node (mesh m) takes only TLS ..."),
                rejected("plaintext line refused: this node (mesh m) takes only TLS ..."),
                rejected("SENDER \"Device_B\" differs from Device_C, the identity the link's certificate proved; forged line rejected"),
                rejected("HMAC check failed for a line claiming to be from \"Phone_1\": wrong key, or the line was changed on the way"),
                rejected("replayed line from Phone_1: nonce 0123456789abcdef was already used"),
                rejected("connection held an unfinished line of 3 bytes for more than 10 s (the limit for one line); connection closed"),
                rejected("240 more inputs were rejected in 10 s and not reported one by one (at most 100 are, ...)"),
                rejected("something new"));
        RunSummary s = RunAnalyzer.analyze("r", Map.of(), events, Duration.ofSeconds(1)).summary();
        assertEquals(Map.of("plaintext refused (secure node)", 2, "SENDER not the link's identity", 1, "bad HMAC", 1,
                "replayed nonce", 1, "line deadline", 1, "not reported one by one", 240, "other", 1), s.rejections());
        assertEquals(8, s.problems());
    }
}
