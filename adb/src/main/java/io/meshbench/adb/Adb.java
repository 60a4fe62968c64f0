package io.meshbench.adb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real {@code adb} client, run as a process, with its failures turned into {@link AdbException}s
 * that say what to do: no adb installed, no device, an unauthorised device, a device that went away.
 *
 * @param executable the adb binary ({@code adb} from the PATH by default)
 * @param serverPort the adb server's port, or 0 for adb's own default (5037); tests use a private one
 */
public record Adb(String executable, int serverPort) {

    /** What a command printed and its exit status. */
    public record Result(int status, String output) {
    }

    public static Adb onPath() {
        return new Adb("adb", 0);
    }

    private List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(executable));
        if (serverPort > 0) {
            command.addAll(List.of("-P", String.valueOf(serverPort)));
        }
        command.addAll(args);
        return command;
    }

    /** Runs {@code adb ARGS}, standard output and error together. */
    public Result run(Duration timeout, String... args) {
        List<String> command = command(List.of(args));
        Process p = start(command);
        try {
            p.getOutputStream().close();
            // Read on a thread of its own: a command whose output never closes (a shell left with a
            // child holding it) must still end at the timeout instead of blocking the caller for ever.
            java.io.ByteArrayOutputStream collected = new java.io.ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[8192];
                try (var in = p.getInputStream()) {
                    for (int n; (n = in.read(chunk)) >= 0; ) {
                        synchronized (collected) {
                            collected.write(chunk, 0, n);
                        }
                    }
                } catch (IOException ignored) {
                    // closed below when adb has ended but a child still holds the pipe
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AdbException("adb " + String.join(" ", args) + " did not finish within " + timeout.toSeconds()
                        + " s: is the device responding? ('adb devices')");
            }
            if (!reader.join(Duration.ofSeconds(5))) {
                p.getInputStream().close(); // adb ended but something it started holds the output open
            }
            byte[] out;
            synchronized (collected) {
                out = collected.toByteArray();
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AdbException("adb " + String.join(" ", args) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AdbException("interrupted while running adb " + String.join(" ", args));
        }
    }

    private Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AdbException("adb is not installed (could not run \"" + executable + "\"): install it "
                    + "(Debian/Ubuntu: sudo apt-get install adb; elsewhere: Android SDK platform-tools) or pass --adb PATH");
        }
    }

    /** Runs {@code adb -s SERIAL shell COMMAND} and hands back the command's own exit status. */
    public Result shell(String serial, String command) {
        // a legacy adbd (no shell protocol) drops the exit status: print it as the last line
        Result r = run(Duration.ofSeconds(60), "-s", serial, "shell", command + "; echo \"__rc=$?\"");
        String out = r.output();
        int mark = out.lastIndexOf("__rc=");
        if (mark < 0) {
            throw failure(serial, "shell " + command, out);
        }
        int status = Integer.parseInt(out.substring(mark + 5).strip());
        return new Result(status, out.substring(0, mark).stripTrailing());
    }

    /** {@code adb -s SERIAL push LOCAL REMOTE}. */
    public void push(String serial, Path local, String remote) {
        Result r = run(Duration.ofSeconds(60), "-s", serial, "push", local.toString(), remote);
        if (r.status() != 0) {
            throw failure(serial, "push " + local.getFileName() + " " + remote, r.output());
        }
    }

    /** Streams {@code adb -s SERIAL shell COMMAND}'s lines to {@code lines} until it ends or is destroyed. */
    public Process stream(String serial, String command, Consumer<String> lines) {
        Process p = start(command(List.of("-s", serial, "shell", command)));
        Thread.ofVirtual().name("adb-stream-" + serial).start(() -> {
            try (var reader = p.inputReader(StandardCharsets.UTF_8)) {
                reader.lines().forEach(lines);
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // the stream was stopped
            }
        });
        return p;
    }

    /** An error that names the device and says what to do. */
    public static AdbException failure(String serial, String what, String output) {
        String o = output.strip();
        if (o.contains("unauthorized")) {
            return new AdbException("device " + serial + " is unauthorized: unlock the phone and accept the "
                    + "\"Allow USB debugging?\" prompt, then run the command again");
        }
        if (o.contains("no devices/emulators found")) {
            return new AdbException("no device attached: plug in a phone with USB debugging on (Settings > "
                    + "Developer options), or 'adb connect HOST:PORT' for one on Wi-Fi");
        }
        if (o.contains("not found") || o.contains("offline") || o.contains("device still connecting")
                || o.contains("closed") || o.contains("protocol fault")) {
            return new AdbException("device " + serial + " went away during '" + what + "' (" + o
                    + "): check its cable or Wi-Fi and 'adb devices', then run the command again");
        }
        return new AdbException("adb " + what + " on " + serial + " failed: " + (o.isEmpty() ? "no output" : o));
    }

    /**
     * {@code adb -s SERIAL forward tcp:LOCAL tcp:REMOTE}: the laptop's {@code 127.0.0.1:LOCAL} reaches the
     * phone's {@code REMOTE}. LOCAL 0 lets adb pick a free port; the port used is returned.
     */
    public int forward(String serial, int local, int remote) {
        return tunnel(serial, "forward", local, remote);
    }

    /**
     * {@code adb -s SERIAL reverse tcp:REMOTE tcp:LOCAL}: the phone's {@code 127.0.0.1:REMOTE} reaches the
     * laptop's {@code LOCAL}. REMOTE 0 lets the phone pick a free port; the port used is returned.
     */
    public int reverse(String serial, int remote, int local) {
        return tunnel(serial, "reverse", remote, local);
    }

    private int tunnel(String serial, String kind, int listen, int target) {
        Result r = run(Duration.ofSeconds(30), "-s", serial, kind, "tcp:" + listen, "tcp:" + target);
        String out = r.output().strip();
        if (r.status() != 0) {
            throw failure(serial, kind + " tcp:" + listen + " tcp:" + target, out);
        }
        if (listen != 0) {
            return listen;
        }
        // with port 0, adb prints the port it bound
        String last = out.isEmpty() ? "" : out.lines().reduce((a, b) -> b).orElse("").strip();
        if (!last.matches("\\d{1,5}")) {
            throw new AdbException("adb " + kind + " on " + serial + " did not say which port it bound: " + out);
        }
        return Integer.parseInt(last);
    }

    /** The laptop's forwards, as {@code adb forward --list} prints them: SERIAL LOCAL REMOTE a line. */
    public List<String> forwards() {
        return run(Duration.ofSeconds(30), "forward", "--list").output().lines().map(String::strip)
                .filter(l -> l.split("\\s+").length == 3).toList();
    }

    /** Removes the laptop's forward of {@code tcp:LOCAL} (one of MeshBench's own, from an earlier setup). */
    public void removeForward(String serial, int local) {
        // with -s: adb refuses a forward command without a device when several are attached
        Result r = run(Duration.ofSeconds(30), "-s", serial, "forward", "--remove", "tcp:" + local);
        if (r.status() != 0) {
            throw failure(serial, "forward --remove tcp:" + local, r.output());
        }
    }

    /** Removes every reverse forward of one phone. */
    public void removeReverses(String serial) {
        Result r = run(Duration.ofSeconds(30), "-s", serial, "reverse", "--remove-all");
        if (r.status() != 0) {
            throw failure(serial, "reverse --remove-all", r.output());
        }
    }

    public void startServer() {
        run(Duration.ofSeconds(30), "start-server");
    }

    public void killServer() {
        run(Duration.ofSeconds(30), "kill-server");
    }

    /** {@code adb connect HOST:PORT}, for a phone on Wi-Fi (or a test device). */
    public void connect(String hostPort) {
        Result r = run(Duration.ofSeconds(30), "connect", hostPort);
        if (!r.output().contains("connected to")) {
            throw new AdbException("adb could not connect to " + hostPort + ": " + r.output().strip()
                    + " (is wireless debugging on, and the address right?)");
        }
    }
}
