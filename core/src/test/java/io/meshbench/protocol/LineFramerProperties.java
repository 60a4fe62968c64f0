package io.meshbench.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The framer turns any bytes, cut into chunks anywhere, into the lines a strict UTF-8 decoder makes
 * of them, and refuses exactly the lines it refuses: its shortcut (the JDK's lenient decoder, a
 * strict one only for a line that came out with U+FFFD) never lets bytes through that are not UTF-8,
 * and never refuses a real U+FFFD.
 */
class LineFramerProperties {

    @Provide
    Arbitrary<byte[]> streams() {
        // pieces that make valid and invalid UTF-8 likely: ASCII, multi-byte characters, U+FFFD itself,
        // lone continuation bytes, cut sequences, overlong forms, encoded surrogates, newlines
        Arbitrary<byte[]> piece = Arbitraries.of(
                bytes("BID_RESPONSE|Device_B|{\"cpu_load\": 0.5}"), bytes("é"), bytes("日本"), bytes("🌅"),
                bytes("\uFFFD"), bytes("\n"), bytes("\r\n"), bytes("\r"), new byte[]{(byte) 0x80},
                new byte[]{(byte) 0xC3}, new byte[]{(byte) 0xE6, (byte) 0x97}, new byte[]{(byte) 0xC0, (byte) 0xAF},
                new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                        (byte) 0x80}, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
        Arbitrary<byte[]> composed = piece.list().ofMaxSize(40).map(pieces -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pieces.forEach(out::writeBytes);
            return out.toByteArray();
        });
        return Arbitraries.oneOf(composed, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }

    @Property(tries = 2000)
    void linesAreWhatAStrictDecoderMakesOfThem(@ForAll("streams") byte[] stream, @ForAll long cutSeed) {
        List<String> expected = strictLines(stream);
        List<String> got = new ArrayList<>();
        LineFramer framer = new LineFramer(LineFramer.DEFAULT_MAX_LINE_BYTES, new LineFramer.Sink() {
            @Override
            public void onLine(String line) {
                got.add("line:" + line);
            }

            @Override
            public void onError(String reason, String excerpt) {
                got.add("error:" + reason);
            }
        });
        java.util.Random cuts = new java.util.Random(cutSeed);
        for (int i = 0; i < stream.length; ) {
            int n = Math.min(stream.length - i, 1 + cuts.nextInt(cuts.nextBoolean() ? 8 : 400));
            framer.feed(stream, i, n);
            i += n;
        }
        framer.endOfStream();
        assertEquals(expected, got);
    }

    @Property(tries = 2000)
    void theNewlineSearchFindsTheFirstNewline(@ForAll("streams") byte[] stream, @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        int from = stream.length == 0 ? 0 : random.nextInt(stream.length + 1);
        int end = from + (stream.length == from ? 0 : random.nextInt(stream.length - from + 1));
        int expected = -1;
        for (int i = from; i < end; i++) {
            if (stream[i] == '\n') {
                expected = i;
                break;
            }
        }
        assertEquals(expected, LineFramer.indexOfNewline(stream, from, end));
    }

    /** The lines of {@code stream} as a strict decoder reads them, one by one. */
    private static List<String> strictLines(byte[] stream) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= stream.length; i++) {
            boolean last = i == stream.length;
            if (!last && stream[i] != '\n') {
                continue;
            }
            if (last && i == start) {
                break; // nothing after the last newline
            }
            int end = i;
            if (end > start && stream[end - 1] == '\r') {
                end--;
            }
            try {
                out.add("line:" + StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(stream, start, end - start)));
            } catch (CharacterCodingException e) {
                out.add("error:bytes that are not UTF-8 in line; line skipped");
            }
            start = i + 1;
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
