package io.meshbench.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./meshbench} on a machine without a screen: one clear line, never a stack trace. */
class NoDisplayTest {

    @Test
    void withoutADisplayTheLauncherSaysSoInOneLineAndNamesTheWaysOut() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("meshbench.root", ".."));
        ProcessBuilder builder = new ProcessBuilder(root.resolve("meshbench").toAbsolutePath().toString())
                .redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().put("MESHBENCH_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not end");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        List<String> lines = out.lines().toList();
        assertEquals(2, process.exitValue(), out);
        assertEquals(1, lines.size(), out);
        assertTrue(out.contains("no display"), out);
        assertTrue(out.contains("xvfb-run ./meshbench"), out);
        assertTrue(out.contains("meshbench demo"), out);
        assertFalse(out.contains("Exception"), out);
    }
}
