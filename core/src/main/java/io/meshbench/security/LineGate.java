package io.meshbench.security;

import io.meshbench.protocol.ProtocolException;

/**
 * The layer between framing and the codec: takes a line as it came off a link and lets through only
 * what this node's mode allows, with the identity the link proved. A TLS link proves its
 * certificate's id; a sealed line proves the sender whose agent key its MAC checks under; a plaintext
 * line proves nothing and is taken only by an insecure node. A line whose SENDER is not the proved
 * identity is refused here, before any decoder or state machine sees it. Thread-safe.
 */
public final class LineGate {

    /** What became of a line. */
    public sealed interface Admission {
    }

    /** Let through: the line to decode (the envelope taken off), how it came, and who proved to send it. */
    public record Admitted(String line, LinkKind kind, String identity) implements Admission {
    }

    /** Refused, and why; the excerpt is printable. */
    public record Refused(String reason, String excerpt) implements Admission {
    }

    private final NodeSecurity security;

    public LineGate(NodeSecurity security) {
        this.security = security;
    }

    /**
     * @param tlsIdentity the id the link's certificate proved, or {@code null} for a plain TCP link
     * @param nowSeconds  this node's clock, for the envelope's time window
     */
    public Admission admit(String line, String tlsIdentity, long nowSeconds) {
        if (tlsIdentity != null) {
            if (Envelope.isSealed(line)) {
                return refused("HMAC envelope on a TLS link from " + tlsIdentity + "; only plain lines go over TLS", line);
            }
            String sender = senderOf(line);
            if (sender != null && !sender.equals(tlsIdentity)) {
                return refused("SENDER \"" + ProtocolException.excerpt(sender) + "\" differs from " + tlsIdentity
                        + ", the identity the link's certificate proved; forged line rejected", line);
            }
            return new Admitted(line, LinkKind.TLS, tlsIdentity);
        }
        if (Envelope.isSealed(line)) {
            if (!security.secure()) {
                return refused("HMAC-sealed line, but this node runs without a mesh (--insecure); start it with --mesh DIR", line);
            }
            try {
                Envelope.Opened opened = Envelope.open(line, security::agentKeyOrNull,
                        "sealed line from \"{sender}\", which is not a shell agent of mesh "
                                + security.mesh().orElseThrow().name() + "; rejected",
                        nowSeconds, NodeSecurity.WINDOW_SECONDS, security.nonces());
                return new Admitted(opened.line(), LinkKind.HMAC, opened.sender());
            } catch (ProtocolException e) {
                return new Refused(e.getMessage(), e.excerpt());
            }
        }
        if (security.secure()) {
            return refused("plaintext line refused: this node (mesh " + security.mesh().orElseThrow().name()
                    + ") takes only TLS from Java peers and HMAC-sealed lines from shell agents", line);
        }
        return new Admitted(line, LinkKind.PLAINTEXT, null);
    }

    /** The SENDER field of TYPE|SENDER|..., or {@code null} when the line has no such shape (the decoder words that). */
    static String senderOf(String line) {
        int first = line.indexOf('|');
        int second = first < 0 ? -1 : line.indexOf('|', first + 1);
        return second < 0 ? null : line.substring(first + 1, second);
    }

    private static Refused refused(String reason, String line) {
        return new Refused(reason, ProtocolException.excerpt(line));
    }
}
