package io.meshbench.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineFramerTest {

    /** Records what the framer delivers, lines and errors interleaved in order. */
    private static final class Recorder implements LineFramer.Sink {
        final List<String> lines = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void onLine(String line) {
            lines.add(line);
            events.add("line:" + line);
        }

        @Override
        public void onError(String reason, String excerpt) {
            errors.add(reason);
            events.add("error");
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Feeds {@code input} in one go and ends the stream. */
    private static Recorder frameWhole(int cap, byte[] input) {
        Recorder r = new Recorder();
        LineFramer f = new LineFramer(cap, r);
        f.feed(input, 0, input.length);
        f.endOfStream();
        return r;
    }

    private static final String MULTI_LINE = MessageCodecTest.SEED_BID_REQUEST + "\n"
            + MessageCodecTest.SEED_BID_RESPONSE + "\r\n"
            + "\n"
            + "TASK|Device_A|{\"prompt\": \"Décris 🌅 日本語 — ü\"}\n"
            + "\r\n"
            + "RESULT|Device_B|{\"output\": \"Ω\"}";

    private static final List<String> MULTI_LINE_EXPECTED = List.of(
            MessageCodecTest.SEED_BID_REQUEST,
            MessageCodecTest.SEED_BID_RESPONSE,
            "",
            "TASK|Device_A|{\"prompt\": \"Décris 🌅 日本語 — ü\"}",
            "",
            "RESULT|Device_B|{\"output\": \"Ω\"}");

    @Test
    void wholeInputGivesTheExpectedLines() {
        Recorder r = frameWhole(LineFramer.DEFAULT_MAX_LINE_BYTES, utf8(MULTI_LINE));
        assertEquals(MULTI_LINE_EXPECTED, r.lines);
        assertEquals(List.of(), r.errors);
    }

    @Test
    void everySplitPointInTwoChunksGivesTheSameLines() {
        byte[] input = utf8(MULTI_LINE);
        for (int split = 0; split <= input.length; split++) {
            Recorder r = new Recorder();
            LineFramer f = new LineFramer(LineFramer.DEFAULT_MAX_LINE_BYTES, r);
            // The chunks come from a larger array with an offset, as a socket buffer gives them.
            byte[] buf = new byte[input.length + 10];
            System.arraycopy(input, 0, buf, 5, input.length);
            f.feed(buf, 5, split);
            f.feed(buf, 5 + split, input.length - split);
            f.endOfStream();
            assertEquals(MULTI_LINE_EXPECTED, r.lines, "split at byte " + split);
            assertEquals(List.of(), r.errors, "split at byte " + split);
            assertEquals(0, f.pendingBytes());
        }
    }

    @Test
    void byteByByteGivesTheSameLines() {
        byte[] input = utf8(MULTI_LINE);
        Recorder r = new Recorder();
        LineFramer f = new LineFramer(LineFramer.DEFAULT_MAX_LINE_BYTES, r);
        for (int i = 0; i < input.length; i++) {
            f.feed(input, i, 1);
        }
        f.endOfStream();
        assertEquals(MULTI_LINE_EXPECTED, r.lines);
        assertEquals(List.of(), r.errors);
    }

    @Test
    void everySplitPointWithErrorsGivesTheSameEvents() {
        int cap = 32;
        byte[] input = concat(
                utf8("ok-1\n"),
                utf8("x".repeat(100) + "\n"),            // over-long
                utf8("ok-2 é\r\n"),
                new byte[]{'b', 'a', 'd', (byte) 0xC3, 0x28, '\n'}, // invalid UTF-8
                utf8("ok-3 🌅\n"),
                utf8("y".repeat(33)),                    // over-long at end of stream
                utf8("\nlast"));
        List<String> expected = List.of("line:ok-1", "error", "line:ok-2 é", "error", "line:ok-3 🌅", "error",
                "line:last");
        assertEquals(expected, frameWhole(cap, input).events);
        for (int split = 0; split <= input.length; split++) {
            Recorder r = new Recorder();
            LineFramer f = new LineFramer(cap, r);
            f.feed(input, 0, split);
            f.feed(input, split, input.length - split);
            f.endOfStream();
            assertEquals(expected, r.events, "split at byte " + split);
        }
        Recorder r = new Recorder();
        LineFramer f = new LineFramer(cap, r);
        for (int i = 0; i < input.length; i++) {
            f.feed(input, i, 1);
            assertTrue(f.pendingBytes() <= cap);
        }
        f.endOfStream();
        assertEquals(expected, r.events);
    }

    @Test
    void crlfIsStripped() {
        Recorder r = frameWhole(64, utf8("a\r\nb\r\n\r\nc\r\n"));
        assertEquals(List.of("a", "b", "", "c"), r.lines);
    }

    @Test
    void crlfSplitBetweenCrAndLf() {
        Recorder r = new Recorder();
        LineFramer f = new LineFramer(64, r);
        f.feed(utf8("abc\r"), 0, 4);
        assertEquals(List.of(), r.lines);
        f.feed(utf8("\ndef\r"), 0, 5);
        assertEquals(List.of("abc"), r.lines);
        f.feed(utf8("\n"), 0, 1);
        assertEquals(List.of("abc", "def"), r.lines);
    }

    @Test
    void onlyTheLastCarriageReturnIsDropped() {
        Recorder r = frameWhole(64, utf8("a\rb\r\r\n"));
        assertEquals(List.of("a\rb\r"), r.lines);
    }

    @Test
    void finalLineWithoutNewlineIsDeliveredAtEndOfStream() {
        Recorder r = new Recorder();
        LineFramer f = new LineFramer(64, r);
        byte[] in = utf8("first\nsecond");
        f.feed(in, 0, in.length);
        assertEquals(List.of("first"), r.lines);
        assertEquals(6, f.pendingBytes());
        f.endOfStream();
        assertEquals(List.of("first", "second"), r.lines);
        assertEquals(0, f.pendingBytes());
        f.endOfStream();
        assertEquals(List.of("first", "second"), r.lines, "a second endOfStream delivers nothing");
    }

    @Test
    void endOfStreamAfterNewlineDeliversNothingMore() {
        Recorder r = frameWhole(64, utf8("a\nb\n"));
        assertEquals(List.of("a", "b"), r.lines);
    }

    @Test
    void emptyStreamDeliversNothing() {
        Recorder r = frameWhole(64, new byte[0]);
        assertEquals(List.of(), r.events);
    }

    @Test
    void lineExactlyAtTheCapPasses() {
        int cap = 64;
        String line = "L".repeat(cap);
        Recorder r = frameWhole(cap, utf8(line + "\n" + line));
        assertEquals(List.of(line, line), r.lines);
        assertEquals(List.of(), r.errors);
    }

    @Test
    void lineOneByteOverTheCapIsReportedAndSkipped() {
        int cap = 64;
        Recorder r = frameWhole(cap, utf8("L".repeat(cap + 1) + "\nnext\n"));
        assertEquals(List.of("next"), r.lines);
        assertEquals(1, r.errors.size());
    }

    @Test
    void overLongLineIsReportedOnceAndSkippedToTheNextNewline() {
        int cap = 1024;
        Recorder r = new Recorder();
        LineFramer f = new LineFramer(cap, r);
        byte[] before = utf8("before\n");
        f.feed(before, 0, before.length);
        byte[] chunk = new byte[100];
        Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 100; i++) { // 10 000 bytes, ten times the cap
            f.feed(chunk, 0, chunk.length);
            assertTrue(f.pendingBytes() <= cap, "pending " + f.pendingBytes());
        }
        byte[] after = utf8("still the long line\n" + MessageCodecTest.SEED_TASK + "\n");
        f.feed(after, 0, after.length);
        f.endOfStream();
        assertEquals(List.of("before", MessageCodecTest.SEED_TASK), r.lines);
        assertEquals(1, r.errors.size(), r.errors.toString());
        assertTrue(r.errors.get(0).contains("longer than " + cap + " bytes"), r.errors.get(0));
        assertEquals(List.of("line:before", "error", "line:" + MessageCodecTest.SEED_TASK), r.events);
    }

    @Test
    void overLongLineAtEndOfStreamIsNotDelivered() {
        Recorder r = frameWhole(16, utf8("z".repeat(40)));
        assertEquals(List.of(), r.lines);
        assertEquals(1, r.errors.size());
    }

    @Test
    void framerIsUsableAfterEndOfStreamWhileDiscarding() {
        Recorder r = new Recorder();
        LineFramer f = new LineFramer(16, r);
        byte[] big = utf8("z".repeat(40));
        f.feed(big, 0, big.length);
        f.endOfStream();
        byte[] ok = utf8("fresh\n");
        f.feed(ok, 0, ok.length);
        assertEquals(List.of("fresh"), r.lines);
    }

    @Test
    void tenMegabyteLineIn8KiBChunksKeepsMemoryBounded() {
        int cap = LineFramer.DEFAULT_MAX_LINE_BYTES;
        Recorder r = new Recorder();
        LineFramer f = new LineFramer(cap, r);
        byte[] chunk = new byte[8 * 1024];
        Arrays.fill(chunk, (byte) 'A');
        int total = 10 * 1024 * 1024;
        int maxPending = 0;
        for (int fed = 0; fed < total; fed += chunk.length) {
            f.feed(chunk, 0, chunk.length);
            maxPending = Math.max(maxPending, f.pendingBytes());
            assertTrue(f.pendingBytes() <= cap, "pending " + f.pendingBytes() + " after " + fed);
        }
        assertTrue(maxPending > 0, "the framer held the start of the line before it overflowed");
        assertEquals(1, r.errors.size(), "reported once, not once per chunk");
        assertEquals(List.of(), r.lines);
        byte[] tail = utf8("AAAA\n" + MessageCodecTest.SEED_RESULT + "\n");
        f.feed(tail, 0, tail.length);
        assertEquals(List.of(MessageCodecTest.SEED_RESULT), r.lines);
        assertEquals(1, r.errors.size());
        assertEquals(0, f.pendingBytes());
    }

    @Test
    void overLongErrorExcerptIsShort() {
        List<String> excerpts = new ArrayList<>();
        LineFramer f = new LineFramer(1000, new LineFramer.Sink() {
            @Override
            public void onLine(String line) {
            }

            @Override
            public void onError(String reason, String excerpt) {
                excerpts.add(excerpt);
            }
        });
        byte[] big = utf8("Q".repeat(5000) + "\n");
        f.feed(big, 0, big.length);
        assertEquals(1, excerpts.size());
        assertTrue(excerpts.get(0).length() <= 120 + 20, excerpts.get(0));
    }

    @Test
    void invalidUtf8IsReportedAndTheNextLineIsFine() {
        byte[] input = concat(
                utf8("good-1\n"),
                new byte[]{'B', 'I', 'D', (byte) 0xC3, 0x28, '\n'},
                utf8("good-2\n"),
                new byte[]{(byte) 0xFF, '\n'},
                utf8("good-3 ü\n"),
                new byte[]{'x', (byte) 0xE2, (byte) 0x82, '\n'},          // truncated 3-byte sequence
                new byte[]{(byte) 0xC0, (byte) 0x80, '\n'},              // overlong NUL
                new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}, // UTF-16 surrogate as UTF-8
                utf8("good-4"));
        Recorder r = frameWhole(64, input);
        assertEquals(List.of("good-1", "good-2", "good-3 ü", "good-4"), r.lines);
        assertEquals(5, r.errors.size(), r.errors.toString());
        for (String reason : r.errors) {
            assertTrue(reason.contains("UTF-8"), reason);
        }
        assertEquals(List.of("line:good-1", "error", "line:good-2", "error", "line:good-3 ü", "error", "error",
                "error", "line:good-4"), r.events);
    }

    @Test
    void invalidUtf8InFinalLineWithoutNewlineIsReported() {
        Recorder r = frameWhole(64, new byte[]{'o', 'k', '\n', 'a', (byte) 0xFF});
        assertEquals(List.of("ok"), r.lines);
        assertEquals(1, r.errors.size());
    }

    @Test
    void multiByteCharactersSplitAcrossChunksDecode() {
        String text = "é日🌅";       // 2-, 3- and 4-byte sequences
        byte[] bytes = utf8(text + "\n");
        assertEquals(10, bytes.length);
        for (int a = 0; a <= bytes.length; a++) {
            for (int b = a; b <= bytes.length; b++) {
                Recorder r = new Recorder();
                LineFramer f = new LineFramer(16, r);
                f.feed(bytes, 0, a);
                f.feed(bytes, a, b - a);
                f.feed(bytes, b, bytes.length - b);
                assertEquals(List.of(text), r.lines, "chunks cut at " + a + " and " + b);
                assertEquals(List.of(), r.errors);
            }
        }
    }

    @Test
    void zeroLengthFeedsChangeNothing() {
        Recorder r = new Recorder();
        LineFramer f = new LineFramer(16, r);
        byte[] in = utf8("ab\n");
        f.feed(in, 0, 0);
        f.feed(in, 3, 0);
        f.feed(in, 0, 3);
        f.feed(in, 1, 0);
        assertEquals(List.of("ab"), r.lines);
    }

    @Test
    void capBelow16IsRejected() {
        Recorder r = new Recorder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LineFramer(15, r));
        assertTrue(e.getMessage().contains("15"), e.getMessage());
        new LineFramer(16, r);
    }

    @Test
    void bufferShrinksBackAfterABigLine() {
        // A big legal line followed by many small ones: every line still comes through intact.
        int cap = 64 * 1024;
        String big = "B".repeat(cap - 1);
        StringBuilder in = new StringBuilder(big).append('\n');
        for (int i = 0; i < 50; i++) {
            in.append("small-").append(i).append('\n');
        }
        Recorder r = frameWhole(cap, utf8(in.toString()));
        assertEquals(51, r.lines.size());
        assertEquals(big, r.lines.get(0));
        assertEquals("small-49", r.lines.get(50));
    }
}
