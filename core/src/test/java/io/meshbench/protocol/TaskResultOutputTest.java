package io.meshbench.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A RESULT's output is limited in the bytes it takes on the wire, not in characters. */
class TaskResultOutputTest {

    private static int lineBytes(String output) {
        String line = new MessageEncoder().encode(new TaskResult("Device_B", "t".repeat(128), "Device_B",
                TaskResult.COMPLETED, output));
        return line.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    @Test
    void nonAsciiOutputIsCutToFitTheLineCapAndSaysSo() throws Exception {
        String japanese = "日本語の夕焼け".repeat(3000); // 21,000 characters, 126 KB once escaped
        String fitted = TaskResult.fitOutput(japanese, TaskResult.MAX_OUTPUT_BYTES);
        assertTrue(lineBytes(fitted) <= LineFramer.DEFAULT_MAX_LINE_BYTES, "line of " + lineBytes(fitted));
        assertTrue(fitted.endsWith("[output truncated: a RESULT line is limited to 64 KiB]"), fitted);
        String line = new MessageEncoder().encode(new TaskResult("Device_B", "t1", "Device_B", "completed", fitted));
        assertEquals(fitted, ((TaskResult) new MessageDecoder().decode(line).message()).output());
    }

    @Test
    void surrogatePairsAndEscapesAreNeverSplitAndShortOutputIsKept() {
        String emoji = "🌅\"\\\n".repeat(20_000);
        String fitted = TaskResult.fitOutput(emoji, 1000);
        assertTrue(lineBytes(fitted) <= 1000 + 600, "within budget: " + lineBytes(fitted));
        String kept = fitted.substring(0, fitted.indexOf(" [output truncated"));
        assertTrue(!Character.isHighSurrogate(kept.charAt(kept.length() - 1)), "a pair split in two");
        assertEquals("short é", TaskResult.fitOutput("short é", 1000));
    }
}
