package io.meshbench.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a byte stream into UTF-8 lines terminated by {@code \n} (a {@code \r} before it is dropped),
 * holding at most {@code maxLineBytes} of one line in memory. A longer line is reported once and
 * skipped up to its newline; bytes that are not UTF-8 are reported and the line skipped. One framer
 * serves one connection; it is not thread-safe.
 */
public final class LineFramer {

    /** Receives what the framer cuts out of the stream. */
    public interface Sink {
        void onLine(String line);

        void onError(String reason, String excerpt);
    }

    /** The default cap: far above any real message, far below what could hurt a phone. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    private final int maxLineBytes;
    private final Sink sink;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[256];
    private int length;
    private boolean discarding;

    public LineFramer(int maxLineBytes, Sink sink) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be at least 16, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
    }

    /** Feeds the next bytes of the stream. */
    public void feed(byte[] bytes, int offset, int count) {
        int end = offset + count;
        int start = offset;
        int i;
        while ((i = indexOfNewline(bytes, start, end)) >= 0) {
            if (length == 0 && !discarding && i - start <= maxLineBytes) {
                // the whole line is in this chunk (the usual case): decode it where it lies
                emit(bytes, start, i - start);
            } else {
                append(bytes, start, i - start);
                completeLine();
            }
            start = i + 1;
        }
        append(bytes, start, end - start);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL, ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;

    /** The first {@code \n} in {@code bytes[from, end)}, or -1; eight bytes at a time (a zero-byte test on a long). */
    static int indexOfNewline(byte[] bytes, int from, int end) {
        int i = from;
        for (; i <= end - 8; i += 8) {
            long x = (long) LONGS.get(bytes, i) ^ NEWLINES; // a newline byte becomes zero
            long zero = (x - ONES) & ~x & HIGHS; // the lowest flagged byte is the first zero byte
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The stream ended: a last line without a newline (as {@code printf} sends) still counts. */
    public void endOfStream() {
        if (length > 0 && !discarding) {
            completeLine();
        }
        discarding = false;
        length = 0;
    }

    /** Bytes of an unfinished line held now (for tests of the memory bound). */
    public int pendingBytes() {
        return length;
    }

    private void append(byte[] bytes, int offset, int count) {
        if (count == 0 || discarding) {
            return;
        }
        if (length + count > maxLineBytes) {
            sink.onError("line longer than " + maxLineBytes + " bytes without a newline; skipped up to the next newline",
                    ProtocolException.excerpt(new String(buffer, 0, Math.min(length, 120), StandardCharsets.UTF_8)));
            discarding = true;
            length = 0;
            if (buffer.length > 4096) {
                buffer = new byte[256];
            }
            return;
        }
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, Math.max(buffer.length * 2, length + count)));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    private void completeLine() {
        if (discarding) {
            discarding = false;
            length = 0;
            return;
        }
        int end = length;
        length = 0;
        emit(buffer, 0, end);
        if (buffer.length > 4096) {
            buffer = new byte[256];
        }
    }

    /** Decodes the line in {@code bytes[offset, offset + count)} (its newline excluded) and hands it on. */
    private void emit(byte[] bytes, int offset, int count) {
        int end = offset + count;
        if (end > offset && bytes[end - 1] == '\r') {
            end--;
        }
        // The JDK's decoder copies ASCII straight into a compact string; it replaces what is not UTF-8
        // with U+FFFD, so a line that holds one is decoded again, strictly, to tell a real U+FFFD from
        // bytes that must be refused.
        String line = new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
        if (line.indexOf('\uFFFD') >= 0) {
            try {
                line = utf8.reset().decode(ByteBuffer.wrap(bytes, offset, end - offset)).toString();
            } catch (CharacterCodingException e) {
                sink.onError("bytes that are not UTF-8 in line; line skipped",
                        ProtocolException.excerpt(new String(bytes, offset, Math.min(end - offset, 120),
                                StandardCharsets.UTF_8)));
                return;
            }
        }
        sink.onLine(line);
    }
}
