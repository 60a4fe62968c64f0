package io.meshbench.dist;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code scripts/dist} makes both bundles from the jars this build packaged, and each one runs as a
 * user would run it: the app image on its own Java runtime (the machine's JDK out of its way), the
 * headless bundle on the JDK it is given, without JavaFX.
 */
class DistributionTest {

    @TempDir
    static Path out;

    private static Path image;
    private static Path headless;

    private record Run(int status, String output) {
    }

    private static Path root() {
        return Path.of(System.getProperty("meshbench.root", "..")).toAbsolutePath().normalize();
    }

    private static Run run(List<String> command, Map<String, String> env, String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        // The bundles' demo keeps no history in the user's ~/.meshbench.
        builder.environment().putIfAbsent("MESHBENCH_HISTORY", "off");
        Process p = builder.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(command + " did not end");
        }
        return new Run(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void buildTheBundles() throws Exception {
        Run dist = run(List.of(root().resolve("scripts/dist").toString(), "--no-build", "--out", out.toString()),
                Map.of("JAVA_HOME", System.getProperty("java.home")), "");
        assertEquals(0, dist.status(), dist.output());
        try (Stream<Path> made = Files.list(out)) {
            List<Path> folders = made.filter(Files::isDirectory).sorted().toList();
            image = folders.stream().filter(p -> p.getFileName().toString().contains("-linux-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no app image in " + folders + "\n" + dist.output()));
            headless = folders.stream().filter(p -> p.getFileName().toString().startsWith("meshbench-headless-"))
                    .findFirst().orElseThrow(() -> new AssertionError("no headless bundle in " + folders));
        }
        assertTrue(Files.isRegularFile(Path.of(image + ".tar.gz")) && Files.isRegularFile(Path.of(headless + ".tar.gz")));
    }

    private static Path tools;

    /** No JDK to fall back on: no JAVA_HOME, and a PATH with the few tools the launchers use but no java. */
    private static Map<String, String> withoutJava() throws IOException {
        if (tools == null) {
            tools = Files.createDirectories(out.resolve("tools"));
            for (String tool : List.of("dirname", "readlink", "sed", "head")) {
                Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool)).filter(Files::isExecutable)
                        .findFirst().orElseThrow(() -> new AssertionError("no " + tool + " on this machine"));
                Files.createSymbolicLink(tools.resolve(tool), real);
            }
        }
        return Map.of("JAVA_HOME", "", "PATH", tools.toString(), "DISPLAY", "");
    }

    @Test
    void theAppImageAnswersAPromptOnItsOwnRuntime() throws Exception {
        Path launcher = image.resolve("bin/meshbench");
        assertTrue(Files.isExecutable(image.resolve("runtime/bin/java")), "a jlink runtime in the image");
        Run version = run(List.of(launcher.toString(), "--version"), withoutJava(), "");
        assertEquals(0, version.status(), version.output());
        assertTrue(version.output().contains("MeshBench"), version.output());
        Run demo = run(List.of(launcher.toString(), "demo"), withoutJava(), "Describe a beautiful sunset\nexit\n");
        assertEquals(0, demo.status(), demo.output());
        assertTrue(demo.output().contains("RESULT from Device_B"), demo.output());
        assertFalse(demo.output().contains("SLF4J"), "the bundle carries its logging backend: " + demo.output());
    }

    @Test
    void theAppImageHasTheWindow() throws Exception {
        // No screen here: the window module is found, and says so in its own words.
        Run window = run(List.of(image.resolve("bin/meshbench").toString()), withoutJava(), "");
        assertEquals(2, window.status(), window.output());
        assertTrue(window.output().contains("no display"), window.output());
    }

    @Test
    void theHeadlessBundleRunsWithoutJavaFx() throws Exception {
        try (Stream<Path> jars = Files.list(headless.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            assertTrue(Files.isRegularFile(headless.resolve("meshbench-cli.jar")), "the command line's jar");
            assertTrue(names.stream().anyMatch(n -> n.startsWith("meshbench-core-")), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.contains("javafx") || n.contains("atlantafx")
                    || n.startsWith("meshbench-app")), "no window in the headless bundle: " + names);
        }
        Path launcher = headless.resolve("bin/meshbench");
        Map<String, String> jdk = Map.of("JAVA_HOME", System.getProperty("java.home"), "DISPLAY", "");
        Run demo = run(List.of(launcher.toString(), "demo"), jdk, "Describe a beautiful sunset\nexit\n");
        assertEquals(0, demo.status(), demo.output());
        assertTrue(demo.output().contains("RESULT from Device_B"), demo.output());
        Run window = run(List.of(launcher.toString()), jdk, "");
        assertEquals(2, window.status(), window.output());
        assertTrue(window.output().contains("does not include"), window.output());
    }

    @Test
    void theHeadlessBundleSaysWhenThereIsNoJava() throws Exception {
        Run none = run(List.of(headless.resolve("bin/meshbench").toString(), "--version"), withoutJava(), "");
        assertEquals(2, none.status(), none.output());
        assertTrue(none.output().contains("no Java found"), none.output());
    }

    @Test
    void bothLaunchersGiveTheDefaultHeapUnlessTheUserGivesTheirOwn() throws Exception {
        String xmx = io.meshbench.bench.scale.ChildJvm.DEFAULT_HEAP;
        assertTrue(xmx.matches("-Xmx\\d+m"), xmx);
        long defaultBytes = Long.parseLong(xmx.substring(4, xmx.length() - 1)) << 20;
        Map<String, String> headlessJdk = Map.of("JAVA_HOME", System.getProperty("java.home"), "DISPLAY", "");
        for (Path launcher : List.of(image.resolve("bin/meshbench"), headless.resolve("bin/meshbench"))) {
            Map<String, String> env = new java.util.HashMap<>(launcher.startsWith(image) ? withoutJava() : headlessJdk);
            env.put("MESHBENCH_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
            Run defaults = run(List.of(launcher.toString(), "--version"), env, "");
            assertEquals(0, defaults.status(), defaults.output());
            assertTrue(defaults.output().contains("-XX:MaxHeapSize=" + defaultBytes + " ")
                    && defaults.output().contains(io.meshbench.bench.scale.ChildJvm.DEFAULT_GC), launcher + ": " + defaults.output());
            env.put("MESHBENCH_JAVA_OPTS", "-Xmx300m -XX:+UseParallelGC -XX:+PrintCommandLineFlags");
            Run own = run(List.of(launcher.toString(), "--version"), env, "");
            assertEquals(0, own.status(), own.output());
            assertTrue(own.output().contains("-XX:MaxHeapSize=" + (300L << 20) + " ")
                    && own.output().contains("-XX:+UseParallelGC")
                    && !own.output().contains(io.meshbench.bench.scale.ChildJvm.DEFAULT_GC), launcher + ": " + own.output());
        }
    }
}
