package io.meshbench.security;

import io.meshbench.protocol.ProtocolException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The HMAC envelope of a line on a shell-agent link (mksh + toybox have no TLS):
 * <pre>
 * MB1|TIMESTAMP|NONCE|MAC|TYPE|SENDER|{json}
 * MAC = hex(HMAC-SHA256(agent key, "MB1|TIMESTAMP|NONCE|TYPE|SENDER|{json}"))
 * </pre>
 * TIMESTAMP is whole seconds since the epoch, NONCE 16 lower-case hex digits, MAC 64. The MAC covers
 * the type, the sender, the payload, the time and the nonce; the receiver checks it (in constant
 * time) before it parses anything else, then the time window, then that the nonce is new. These
 * links are authentic but not confidential: anyone on the network can read them.
 */
public final class Envelope {

    public static final String PREFIX = "MB1|";
    static final int NONCE_HEX = 16;
    static final int MAC_HEX = 64;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** An opened envelope: the inner line and the sender its MAC proved. */
    public record Opened(String line, String sender, long timestamp, String nonce) {
    }

    private Envelope() {
    }

    public static boolean isSealed(String line) {
        return line.startsWith(PREFIX);
    }

    /** Seals {@code line} (TYPE|SENDER|{json}) with a fresh nonce at {@code epochSeconds}. */
    public static String seal(byte[] key, String line, long epochSeconds) {
        byte[] nonce = new byte[NONCE_HEX / 2];
        RANDOM.nextBytes(nonce);
        return seal(key, line, epochSeconds, HEX.formatHex(nonce));
    }

    static String seal(byte[] key, String line, long epochSeconds, String nonce) {
        String head = PREFIX + epochSeconds + "|" + nonce + "|";
        return head + HEX.formatHex(mac(key, head + line)) + "|" + line;
    }

    /**
     * Opens a sealed line.
     *
     * @param keyOfSender the HMAC key for the inner line's sender, or {@code null} when that sender may
     *                    not send sealed lines here (the reason is then {@code refusal})
     * @param nowSeconds  the receiver's clock
     * @param windowSeconds how far the timestamp may be from {@code nowSeconds}, either way
     * @param nonces      nonces already seen; a new one is added only when everything else holds
     * @throws ProtocolException saying what failed, with nothing of the line trusted
     */
    public static Opened open(String line, Function<String, byte[]> keyOfSender, String refusal, long nowSeconds,
                              long windowSeconds, NonceCache nonces) throws ProtocolException {
        if (!isSealed(line)) {
            throw new ProtocolException("not an HMAC-sealed line (expected MB1|TIMESTAMP|NONCE|MAC|TYPE|SENDER|{json})", line);
        }
        int tsEnd = line.indexOf('|', PREFIX.length());
        int nonceEnd = tsEnd < 0 ? -1 : line.indexOf('|', tsEnd + 1);
        int macEnd = nonceEnd < 0 ? -1 : line.indexOf('|', nonceEnd + 1);
        if (macEnd < 0) {
            throw new ProtocolException("sealed line cut short: expected MB1|TIMESTAMP|NONCE|MAC|TYPE|SENDER|{json}", line);
        }
        String ts = line.substring(PREFIX.length(), tsEnd);
        String nonce = line.substring(tsEnd + 1, nonceEnd);
        String mac = line.substring(nonceEnd + 1, macEnd);
        if (ts.isEmpty() || ts.length() > 12 || !digits(ts) || nonce.length() != NONCE_HEX || !lowerHex(nonce)
                || mac.length() != MAC_HEX || !lowerHex(mac)) {
            throw new ProtocolException("malformed envelope: TIMESTAMP must be seconds, NONCE 16 and MAC 64 lower-case hex digits", line);
        }
        String inner = line.substring(macEnd + 1);
        int first = inner.indexOf('|');
        int second = first < 0 ? -1 : inner.indexOf('|', first + 1);
        if (second < 0) {
            throw new ProtocolException("sealed line without TYPE|SENDER|{json} inside", line);
        }
        String sender = inner.substring(first + 1, second);
        byte[] key = keyOfSender.apply(sender);
        if (key == null) {
            throw new ProtocolException(refusal.replace("{sender}", ProtocolException.excerpt(sender)), line);
        }
        byte[] expected = mac(key, line.substring(0, nonceEnd + 1) + inner);
        if (!MessageDigest.isEqual(expected, HEX.parseHex(mac))) {
            throw new ProtocolException("HMAC check failed for a line claiming to be from \"" + ProtocolException.excerpt(sender)
                    + "\": wrong key, or the line was changed on the way", line);
        }
        long timestamp = Long.parseLong(ts);
        if (Math.abs(nowSeconds - timestamp) > windowSeconds) {
            throw new ProtocolException("stale or future line from " + sender + ": its time is " + (timestamp - nowSeconds)
                    + " s from this node's clock, more than the " + windowSeconds + " s allowed (replay, or set the clocks)", line);
        }
        String refusedNonce = nonces.admit(sender, nonce, timestamp, nowSeconds);
        if (refusedNonce != null) {
            throw new ProtocolException(refusedNonce, line);
        }
        return new Opened(inner, sender, timestamp, nonce);
    }

    static byte[] mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
