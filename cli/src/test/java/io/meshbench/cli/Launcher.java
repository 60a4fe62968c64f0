package io.meshbench.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the real {@code ./meshbench} launcher in a separate JVM, on this test run's class path (so
 * the launcher finds its JDK by itself but does not build), and reads what it prints line by line.
 */
final class Launcher implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private Launcher(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    static Path root() {
        String root = System.getProperty("meshbench.root");
        Path path = root == null ? Path.of("..") : Path.of(root);
        if (!Files.isExecutable(path.resolve("meshbench"))) {
            throw new IllegalStateException("no ./meshbench launcher under " + path.toAbsolutePath());
        }
        return path;
    }

    static Launcher start(String... args) throws IOException {
        return start(java.util.Map.of(), args);
    }

    /** Starts the launcher with {@code env} added to its environment. */
    static Launcher start(java.util.Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(root().resolve("meshbench").toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MESHBENCH_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // The tests' live meshes keep no history in the user's ~/.meshbench (a test that wants one gives --history).
        builder.environment().putIfAbsent("MESHBENCH_HISTORY", "off");
        builder.environment().putAll(env);
        return new Launcher(builder.start());
    }

    /** Writes {@code text} to the process's input and closes it. */
    Launcher input(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        return this;
    }

    /** Waits for a printed line that matches, and returns it. */
    String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no matching line within " + timeout + "; printed so far:\n"
                        + String.join("\n", seen));
            }
            seen.add(line);
            if (match.test(line)) {
                return line;
            }
        }
    }

    /** Waits for the process to end and returns everything it printed. */
    String finish(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./meshbench did not end within " + timeout + "; printed:\n" + String.join("\n", seen));
        }
        String line;
        while ((line = lines.poll(200, TimeUnit.MILLISECONDS)) != null) {
            seen.add(line);
        }
        return String.join("\n", seen);
    }

    /** Sends {@code signal} (KILL, STOP, CONT, ...) to the launcher's JVM (the launcher execs java). */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
