package io.meshbench.security;

/** What protects a link, as the tools show it. */
public enum LinkKind {
    /** TLS 1.3, both sides' certificates checked against the mesh CA: confidential and authenticated. */
    TLS,
    /** HMAC-SHA256 envelope (shell agents): authenticated and replay-proof, not confidential. */
    HMAC,
    /** The original plaintext format (--insecure): neither. */
    PLAINTEXT
}
