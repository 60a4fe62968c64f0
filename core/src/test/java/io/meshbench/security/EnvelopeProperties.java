package io.meshbench.security;

import io.meshbench.protocol.ProtocolException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The envelope and the gate, for random messages and keys: a well-formed line is accepted; one
 * flipped bit anywhere, a wrong key, a wrong sender, a stale timestamp or a replayed nonce is
 * rejected, always with the protocol's own error.
 */
class EnvelopeProperties {

    private static final long NOW = 1_800_000_000L;

    record Line(String type, String sender, String payload) {
        String text() {
            return type + "|" + sender + "|" + payload;
        }
    }

    @Provide
    Arbitrary<Line> lines() {
        Arbitrary<String> types = Arbitraries.of("BID_REQUEST", "BID_RESPONSE", "TASK", "RESULT");
        Arbitrary<String> ids = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('_', '.', '-', ':', '@', '+').ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> payloads = Arbitraries.strings().ascii().ofMaxLength(300)
                .map(s -> "{\"x\": \"" + s.replace("\n", "").replace("\r", "") + "\"}");
        return Combinators.combine(types, ids, payloads).as(Line::new);
    }

    @Provide
    Arbitrary<byte[]> keys() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32);
    }

    private static Envelope.Opened open(String sealed, byte[] key, NonceCache nonces) throws ProtocolException {
        return Envelope.open(sealed, sender -> key, "no key for {sender}", NOW, 60, nonces);
    }

    @Property(tries = 300)
    void aWellFormedLineIsAccepted(@ForAll("lines") Line line, @ForAll("keys") byte[] key,
                                   @ForAll @IntRange(min = -60, max = 60) int skew) throws Exception {
        String sealed = Envelope.seal(key, line.text(), NOW + skew);
        Envelope.Opened opened = open(sealed, key, new NonceCache(10, 60));
        assertEquals(line.text(), opened.line());
        assertEquals(line.sender(), opened.sender());
    }

    @Property(tries = 500)
    void anyFlippedBitIsRejected(@ForAll("lines") Line line, @ForAll("keys") byte[] key,
                                 @ForAll @IntRange(min = 0, max = 100_000) int where,
                                 @ForAll @IntRange(min = 0, max = 6) int bit) {
        String sealed = Envelope.seal(key, line.text(), NOW);
        int at = where % sealed.length();
        char flipped = (char) (sealed.charAt(at) ^ (1 << bit));
        String tampered = sealed.substring(0, at) + flipped + sealed.substring(at + 1);
        assertThrows(ProtocolException.class, () -> open(tampered, key, new NonceCache(10, 60)));
    }

    @Property(tries = 200)
    void aWrongKeyIsRejected(@ForAll("lines") Line line, @ForAll("keys") byte[] key, @ForAll("keys") byte[] other) {
        net.jqwik.api.Assume.that(!java.util.Arrays.equals(key, other));
        String sealed = Envelope.seal(key, line.text(), NOW);
        ProtocolException e = assertThrows(ProtocolException.class, () -> open(sealed, other, new NonceCache(10, 60)));
        assertEquals(true, e.getMessage().startsWith("HMAC check failed"), e.getMessage());
    }

    @Property(tries = 200)
    void aWrongSenderIsRejected(@ForAll("lines") Line line, @ForAll("keys") byte[] key) {
        String sealed = Envelope.seal(key, line.text(), NOW);
        String forged = sealed.replace("|" + line.sender() + "|", "|" + line.sender() + "x|");
        assertThrows(ProtocolException.class, () -> open(forged, key, new NonceCache(10, 60)));
    }

    @Property(tries = 200)
    void aStaleOrFutureLineIsRejected(@ForAll("lines") Line line, @ForAll("keys") byte[] key,
                                      @ForAll @IntRange(min = 61, max = 1_000_000) int off, @ForAll boolean future) {
        String sealed = Envelope.seal(key, line.text(), future ? NOW + off : NOW - off);
        ProtocolException e = assertThrows(ProtocolException.class, () -> open(sealed, key, new NonceCache(10, 60)));
        assertEquals(true, e.getMessage().startsWith("stale or future line"), e.getMessage());
    }

    @Property(tries = 200)
    void aReplayedNonceIsRejected(@ForAll("lines") Line line, @ForAll("keys") byte[] key) throws Exception {
        NonceCache nonces = new NonceCache(10, 60);
        String sealed = Envelope.seal(key, line.text(), NOW);
        open(sealed, key, nonces);
        ProtocolException e = assertThrows(ProtocolException.class, () -> open(sealed, key, nonces));
        assertEquals(true, e.getMessage().startsWith("replayed line"), e.getMessage());
    }

    @Property(tries = 200)
    void overTlsALineWhoseSenderIsNotTheProvedIdentityIsRefused(@ForAll("lines") Line line) {
        LineGate gate = new LineGate(NodeSecurity.insecure());
        assertInstanceOf(LineGate.Admitted.class, gate.admit(line.text(), line.sender(), NOW));
        LineGate.Refused refused = assertInstanceOf(LineGate.Refused.class, gate.admit(line.text(), line.sender() + "x", NOW));
        assertEquals(true, refused.reason().contains("differs from " + line.sender() + "x"), refused.reason());
    }

    @Property(tries = 50)
    void aSecureGateRefusesPlaintextAndTakesOnlyItsAgentsSealedLines(@ForAll("lines") Line line) {
        Mesh mesh = MESH;
        LineGate gate = new LineGate(NodeSecurity.of(mesh, "Device_A"));
        String asAgent = line.type() + "|Device_B|" + line.payload();
        assertInstanceOf(LineGate.Refused.class, gate.admit(asAgent, null, NOW));
        long now = System.currentTimeMillis() / 1000;
        LineGate.Admitted ok = assertInstanceOf(LineGate.Admitted.class,
                gate.admit(Envelope.seal(mesh.agentKey("Device_B"), asAgent, now), null, now));
        assertEquals(new LineGate.Admitted(asAgent, LinkKind.HMAC, "Device_B"), ok);
        // Device_C's key cannot sign as Device_B; a Java member cannot send sealed lines at all
        assertInstanceOf(LineGate.Refused.class, gate.admit(Envelope.seal(mesh.agentKey("Device_C"), asAgent, now), null, now));
        String asJava = line.type() + "|Device_A|" + line.payload();
        assertInstanceOf(LineGate.Refused.class, gate.admit(Envelope.seal(mesh.agentKey("Device_A"), asJava, now), null, now));
    }

    private static final Mesh MESH = Mesh.create("p", List.of("Device_A"), List.of("Device_B", "Device_C"));
}
