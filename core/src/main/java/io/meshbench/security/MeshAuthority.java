package io.meshbench.security;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Issues the mesh's certificates: one self-signed mesh CA, and per device an EC P-256 key pair with a
 * certificate whose subject CN is the device id, signed by that CA. Only the signing uses Bouncy
 * Castle's certificate builder (the JDK has no public API for it); keys, signatures and TLS are the
 * JDK's own (SunEC, JSSE), and no provider is registered.
 */
final class MeshAuthority {

    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration DEVICE_VALIDITY = Duration.ofDays(825);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private MeshAuthority() {
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }

    static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "MeshBench mesh")
                .addRDN(BCStyle.CN, commonName).build();
    }

    /** A self-signed CA certificate for the mesh called {@code meshName}. */
    static X509Certificate selfSignedCa(String meshName, KeyPair ca) {
        X500Name subject = name("MeshBench CA " + meshName);
        X509v3CertificateBuilder builder = builder(subject, subject, ca, CA_VALIDITY);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(builder, ca.getPrivate());
    }

    /** A certificate for {@code deviceId}'s public key, signed by the CA; good for TLS client and server. */
    static X509Certificate deviceCertificate(String deviceId, KeyPair device, X509Certificate caCert, PrivateKey caKey) {
        X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(issuer, name(deviceId), device, DEVICE_VALIDITY);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(builder, caKey);
    }

    /**
     * A certificate for an HTTPS server of the mesh ({@code meshbench serve}), named for {@code host}
     * (an IP address or a DNS name) and for this machine's loopback names, signed by the CA.
     */
    static X509Certificate serverCertificate(String host, KeyPair server, X509Certificate caCert, PrivateKey caKey) {
        X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(issuer, name(host), server, DEVICE_VALIDITY);
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (!host.equals("0.0.0.0") && !host.equals("::")) {
            names.add(host);
        }
        names.add("localhost");
        names.add("127.0.0.1");
        GeneralName[] alt = names.stream().map(n -> new GeneralName(
                n.matches("[0-9.]+") || n.contains(":") ? GeneralName.iPAddress : GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(builder, caKey);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("could not sign a mesh certificate: " + e.getMessage(), e);
        }
    }
}
