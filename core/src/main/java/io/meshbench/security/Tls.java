package io.meshbench.security;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/** TLS 1.3 over an open TCP socket, both sides authenticated against the mesh CA. */
public final class Tls {

    private static final String[] PROTOCOLS = {"TLSv1.3"};

    private Tls() {
    }

    /** The first byte of a TLS connection (a handshake record), as a server sees it. */
    public static boolean startsHandshake(int firstByte) {
        return firstByte == 0x16;
    }

    /**
     * The server side over {@code plain}, whose first byte was already read; handshakes (within the
     * socket's read timeout) and returns the socket and the client's proved id.
     */
    public static SSLSocket accept(SSLContext context, Socket plain, byte firstByte) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, new ByteArrayInputStream(new byte[]{firstByte}), true);
        socket.setUseClientMode(false);
        socket.setEnabledProtocols(PROTOCOLS);
        socket.setNeedClientAuth(true);
        socket.startHandshake();
        return socket;
    }

    /** The client side over a connected {@code plain} socket; checks that the server proved to be {@code expected}. */
    public static SSLSocket connect(SSLContext context, Socket plain, String expected) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        socket.setUseClientMode(true);
        socket.setEnabledProtocols(PROTOCOLS);
        socket.startHandshake();
        String proved = identity(socket);
        if (!expected.equals(proved)) {
            socket.close();
            throw new IOException("the node at " + plain.getInetAddress().getHostAddress() + ":" + plain.getPort()
                    + " proved to be " + proved + ", not " + expected + "; check the peers file");
        }
        return socket;
    }

    /** The device id the peer's certificate names (its subject CN). */
    public static String identity(SSLSocket socket) throws IOException {
        try {
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return commonName((X509Certificate) chain[0]);
        } catch (SSLPeerUnverifiedException e) {
            throw new IOException("the peer sent no certificate", e);
        }
    }

    static String commonName(X509Certificate certificate) throws IOException {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new IOException("unreadable certificate subject: " + e.getMessage(), e);
        }
        throw new IOException("certificate without a CN: " + certificate.getSubjectX500Principal());
    }
}
