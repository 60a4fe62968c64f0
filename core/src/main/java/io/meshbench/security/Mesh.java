package io.meshbench.security;

import io.meshbench.protocol.DeviceId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mesh's identities: its CA certificate (the one trust anchor: no public CA is ever trusted), the
 * members and how each is reached, each Java member's certificate (and the private keys held here),
 * and the mesh secret from which every shell agent's HMAC key derives. Made by
 * {@code meshbench mesh init} ({@link MeshFiles}) or, for demo and the window, in memory
 * ({@link #ephemeral}). Immutable.
 */
public final class Mesh {

    /** How a member is reached. */
    public enum Kind {
        /** A Java node: TLS 1.3 with both sides' certificates checked against the mesh CA. */
        TLS,
        /** A shell agent (mksh + toybox, no TLS): every line sealed with HMAC-SHA256 under its agent key. */
        HMAC
    }

    /** A member's certificate, and its private key when this copy of the mesh holds it. */
    record Identity(X509Certificate certificate, PrivateKey key) {
    }

    static final int SECRET_BYTES = 32;
    private static final byte[] AGENT_KEY_LABEL = "meshbench agent key v1|".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final X509Certificate caCertificate;
    private final PrivateKey caKey;
    private final byte[] secret;
    private final Map<String, Kind> members;
    private final Map<String, Identity> identities;

    Mesh(String name, X509Certificate caCertificate, PrivateKey caKey, byte[] secret, Map<String, Kind> members,
         Map<String, Identity> identities) {
        this.name = name;
        this.caCertificate = caCertificate;
        this.caKey = caKey;
        this.secret = secret == null ? null : secret.clone();
        this.members = Map.copyOf(members);
        this.identities = Map.copyOf(identities);
    }

    /** A new mesh: a CA, a secret, and a key pair and certificate per Java member. */
    public static Mesh create(String name, Collection<String> javaMembers, Collection<String> agents) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("mesh name \"" + name + "\": use 1 to 64 letters, digits, _ . -");
        }
        KeyPair ca = MeshAuthority.newKeyPair();
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        Mesh mesh = new Mesh(name, MeshAuthority.selfSignedCa(name, ca), ca.getPrivate(), secret, Map.of(), Map.of());
        for (String id : javaMembers) {
            mesh = mesh.with(id, Kind.TLS);
        }
        for (String id : agents) {
            mesh = mesh.with(id, Kind.HMAC);
        }
        return mesh;
    }

    /** A throw-away mesh for the given Java nodes, held only in memory: what demo and the window start. */
    public static Mesh ephemeral(Collection<String> javaMembers) {
        return create("ephemeral-" + HexFormat.of().toHexDigits(RANDOM.nextInt()), javaMembers, List.of());
    }

    /** This mesh with one more member (needs the CA key to issue a Java member's certificate). */
    public Mesh with(String id, Kind kind) {
        DeviceId.check("member id", id);
        if (members.containsKey(id)) {
            throw new IllegalArgumentException(id + " is already a member of mesh " + name);
        }
        Map<String, Kind> newMembers = new LinkedHashMap<>(members);
        newMembers.put(id, kind);
        Map<String, Identity> newIdentities = new LinkedHashMap<>(identities);
        if (kind == Kind.TLS) {
            if (caKey == null) {
                throw new IllegalArgumentException("this copy of mesh " + name + " has no CA key (ca.key), so it "
                        + "cannot issue a certificate for " + id + "; add members where the mesh was made");
            }
            KeyPair keys = MeshAuthority.newKeyPair();
            newIdentities.put(id, new Identity(MeshAuthority.deviceCertificate(id, keys, caCertificate, caKey),
                    keys.getPrivate()));
        }
        return new Mesh(name, caCertificate, caKey, secret, newMembers, newIdentities);
    }

    public String name() {
        return name;
    }

    /** The members, in the order they were added, and how each is reached. */
    public Map<String, Kind> members() {
        return members;
    }

    public Optional<Kind> kindOf(String id) {
        return Optional.ofNullable(members.get(id));
    }

    /**
     * A key and certificate for an HTTPS server of this mesh on {@code host}, issued now by the mesh's
     * CA, so that clients trusting the mesh ({@code ca.crt}) trust the server. Needs the CA's key.
     */
    public KeyStore httpsIdentity(String host, char[] password) {
        if (caKey == null) {
            throw new IllegalStateException("serving HTTPS for mesh " + name + " needs its CA key (ca.key in the folder "
                    + "`meshbench mesh init` made) to issue the server's certificate; run serve where that folder is whole");
        }
        try {
            KeyPair keys = MeshAuthority.newKeyPair();
            X509Certificate cert = MeshAuthority.serverCertificate(host, keys, caCertificate, caKey);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("https", keys.getPrivate(), password, new Certificate[]{cert, caCertificate});
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not make the HTTPS server's key store: " + e.getMessage(), e);
        }
    }

    /** The CA's certificate: what a client of the mesh's servers trusts. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    PrivateKey caKey() {
        return caKey;
    }

    byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    Map<String, Identity> identities() {
        return identities;
    }

    /** Whether this copy holds {@code id}'s private key, so that a node can run as {@code id}. */
    public boolean holdsKeyOf(String id) {
        Identity identity = identities.get(id);
        return identity != null && identity.key() != null;
    }

    /**
     * The HMAC-SHA256 key of shell agent {@code agentId}: HMAC-SHA256(mesh secret, label | id). Each
     * phone holds only its own, so a phone cannot sign as another; Java nodes derive any of them.
     */
    public byte[] agentKey(String agentId) {
        if (secret == null) {
            throw new IllegalStateException("this copy of mesh " + name + " has no mesh secret (mesh.secret)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(AGENT_KEY_LABEL);
            return mac.doFinal(agentId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    public boolean hasSecret() {
        return secret != null;
    }

    /**
     * A TLS context for running as {@code self}: its key and certificate chain, and the mesh CA as the
     * only trust anchor.
     */
    public SSLContext sslContext(String self) {
        Identity identity = identities.get(self);
        if (identity == null || identity.key() == null) {
            throw new IllegalArgumentException("mesh " + name + " holds no key for " + self
                    + (members.containsKey(self) ? " (copy its devices/" + self + ".key here)"
                    : "; add it with: meshbench mesh add DIR --device " + self));
        }
        try {
            char[] password = HexFormat.of().formatHex(RANDOM.generateSeed(8)).toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(self, identity.key(), password,
                    new Certificate[]{identity.certificate(), caCertificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("mesh-ca", caCertificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not set up TLS for " + self + ": " + e.getMessage(), e);
        }
    }
}
