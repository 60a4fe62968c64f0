package io.meshbench.security;

import javax.net.ssl.SSLContext;
import java.util.Optional;

/**
 * How one node protects its links: in a mesh (TLS 1.3 to Java members, HMAC-SHA256 to shell agents,
 * nothing else taken or sent) or, only when chosen with {@code --insecure}, the original plaintext
 * format. Never a fallback from one to the other.
 */
public final class NodeSecurity {

    /** How far a sealed line's timestamp may be from this node's clock, either way. */
    public static final long WINDOW_SECONDS = 60;
    private static final int NONCE_CAPACITY = 200_000;

    private final Mesh mesh;
    private final String self;
    private final SSLContext ssl;
    private final NonceCache nonces = new NonceCache(NONCE_CAPACITY, WINDOW_SECONDS);

    private NodeSecurity(Mesh mesh, String self) {
        this.mesh = mesh;
        this.self = self;
        this.ssl = mesh == null ? null : mesh.sslContext(self);
    }

    /** The original plaintext format: what {@code --insecure} chooses. */
    public static NodeSecurity insecure() {
        return new NodeSecurity(null, null);
    }

    /** Node {@code self} of {@code mesh}; {@code self} must be a Java member whose key the mesh holds. */
    public static NodeSecurity of(Mesh mesh, String self) {
        if (mesh.kindOf(self).orElse(null) != Mesh.Kind.TLS) {
            throw new IllegalArgumentException(self + " is not a Java member of mesh " + mesh.name()
                    + (mesh.kindOf(self).isPresent() ? " (it is a shell agent)" : "")
                    + "; add it with: meshbench mesh add DIR --device " + self);
        }
        return new NodeSecurity(mesh, self);
    }

    public boolean secure() {
        return mesh != null;
    }

    /** The mesh, when secure. */
    public Optional<Mesh> mesh() {
        return Optional.ofNullable(mesh);
    }

    /** The TLS context, or {@code null} when insecure. */
    public SSLContext ssl() {
        return ssl;
    }

    /**
     * How lines to {@code peer} are protected: HMAC for a shell agent of the mesh, else TLS (whose
     * handshake fails unless the peer holds a certificate of this mesh for that very id); empty when a
     * secure node may not send to it at all.
     */
    public Optional<LinkKind> linkTo(String peer) {
        if (mesh == null) {
            return Optional.of(LinkKind.PLAINTEXT);
        }
        return Optional.of(mesh.kindOf(peer).orElse(Mesh.Kind.TLS) == Mesh.Kind.HMAC ? LinkKind.HMAC : LinkKind.TLS);
    }

    /** Why a line cannot go to {@code peer}, for a delivery failure. */
    public String notAMember(String peer) {
        return peer + " is not a member of mesh " + mesh.name() + ", so this node sends it nothing; add it with "
                + "meshbench mesh add DIR --device " + peer + " (a Java node) or --agent " + peer + " (a shell agent)";
    }

    /** {@code line} as it goes on the wire to {@code peer} (sealed for a shell agent). */
    public String outgoing(String peer, String line, long nowSeconds) {
        if (mesh == null || mesh.kindOf(peer).orElse(null) != Mesh.Kind.HMAC) {
            return line;
        }
        return Envelope.seal(mesh.agentKey(peer), line, nowSeconds);
    }

    byte[] agentKeyOrNull(String sender) {
        return mesh != null && mesh.hasSecret() && mesh.kindOf(sender).orElse(null) == Mesh.Kind.HMAC
                ? mesh.agentKey(sender) : null;
    }

    NonceCache nonces() {
        return nonces;
    }

    String self() {
        return self;
    }

    /** One line for a console banner, a recording's header, a status bar. */
    public String describe() {
        return mesh == null
                ? "INSECURE: plaintext links (--insecure); anyone on the network can read, forge and replay lines"
                : "secure: mesh " + mesh.name() + ", TLS 1.3 to Java peers, HMAC-SHA256 to shell agents";
    }

    /** A short word for the mode: {@code secure} or {@code insecure}. */
    public String mode() {
        return mesh == null ? "insecure" : "secure";
    }
}
