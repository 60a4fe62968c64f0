package io.meshbench.plugins.process;

import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of the command: a virtual thread streams its standard output to the listener, another
 * keeps the end of its standard error, a third waits for it to exit. Whichever comes first of
 * exit, timeout and cancel ends the run, exactly once.
 */
final class ProcessRun implements SlmEngine.Run {

    private static final int STDERR_TAIL = 2000;

    private final PluginContext context;
    private final ProcessSlmProvider.Settings settings;
    private final SlmEngine.Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Set before a timeout or cancel kills the command, so that its exit is not taken for a failure. */
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final StringBuilder output = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final CountDownLatch stdoutDone = new CountDownLatch(1);
    private final CountDownLatch stderrDone = new CountDownLatch(1);
    /** llama.cpp's report on standard error, read when {@code "report": "llama.cpp"}. */
    private final LlamaCppReport report;
    private final long started;
    private Process process;
    private Path promptFile;
    private PluginContext.Cancellable timer;
    private boolean truncated;

    private ProcessRun(PluginContext context, ProcessSlmProvider.Settings settings, SlmEngine.Listener listener) {
        this.context = context;
        this.settings = settings;
        this.listener = listener;
        this.started = context.nowNanos();
        this.report = settings.llamaCppReport() ? new LlamaCppReport() : null;
    }

    static ProcessRun start(PluginContext context, ProcessSlmProvider.Settings settings, SlmRequest request,
                            SlmEngine.Listener listener) {
        ProcessRun run = new ProcessRun(context, settings, listener);
        run.launch(request);
        return run;
    }

    private void launch(SlmRequest request) {
        try {
            List<String> command = new ArrayList<>();
            if (settings.viaFile()) {
                promptFile = Files.createTempFile("meshbench-prompt-", ".txt");
                Files.writeString(promptFile, request.prompt());
            }
            boolean placed = false;
            for (String arg : settings.command()) {
                String filled = arg.replace("{task_id}", request.taskId())
                        .replace("{use_npu}", Boolean.toString(request.useNpu()));
                if (promptFile != null && filled.contains("{prompt_file}")) {
                    filled = filled.replace("{prompt_file}", promptFile.toString());
                    placed = true;
                }
                command.add(filled);
            }
            if (promptFile != null && !placed) {
                command.add(promptFile.toString());
            }
            ProcessBuilder builder = new ProcessBuilder(command);
            if (settings.workingDir() != null) {
                builder.directory(settings.workingDir().toFile());
            }
            builder.environment().putAll(settings.env());
            builder.environment().put("MESHBENCH_TASK_ID", request.taskId());
            builder.environment().put("MESHBENCH_USE_NPU", request.useNpu() ? "1" : "0");
            if (promptFile != null) {
                builder.environment().put("MESHBENCH_PROMPT_FILE", promptFile.toString());
            }
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            end(SlmResult.failed(SlmResult.Status.FAILED, "cannot run " + settings.command().get(0) + ": "
                    + e.getMessage() + "; check \"command\" in the device config", "", elapsed()));
            return;
        }
        timer = context.schedule(request.timeout(), () -> stop(SlmResult.Status.TIMED_OUT,
                "the command ran over the timeout of " + request.timeout().toMillis() + " ms and was killed"));
        Thread.ofVirtual().name("slm-stdin-" + request.taskId()).start(() -> feed(request));
        Thread.ofVirtual().name("slm-stdout-" + request.taskId()).start(this::readStdout);
        Thread.ofVirtual().name("slm-stderr-" + request.taskId()).start(this::readStderr);
        process.onExit().thenRun(this::exited);
    }

    private void feed(SlmRequest request) {
        try (OutputStream in = process.getOutputStream()) {
            if (promptFile == null) {
                in.write(request.prompt().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the command does not read its input, or ended: not an error
        }
    }

    private void readStdout() {
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buffer = new char[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                String chunk = new String(buffer, 0, n);
                synchronized (this) {
                    if (ended.get()) {
                        continue;
                    }
                    int room = settings.maxOutput() - output.length();
                    if (room <= 0) {
                        truncated = true;
                        continue;
                    }
                    if (chunk.length() > room) {
                        chunk = chunk.substring(0, room);
                        truncated = true;
                    }
                    output.append(chunk);
                }
                listener.onOutput(chunk);
            }
        } catch (IOException ignored) {
            // the process was killed
        } finally {
            stdoutDone.countDown();
        }
    }

    private void readStderr() {
        try (InputStream in = process.getErrorStream()) {
            byte[] buffer = new byte[4096];
            StringBuilder line = new StringBuilder();
            int n;
            while ((n = in.read(buffer)) > 0) {
                String chunk = new String(buffer, 0, n, StandardCharsets.UTF_8);
                synchronized (stderr) {
                    stderr.append(chunk);
                    if (stderr.length() > 2 * STDERR_TAIL) {
                        stderr.delete(0, stderr.length() - STDERR_TAIL);
                    }
                }
                if (report != null) {
                    for (int i = 0; i < chunk.length(); i++) {
                        char c = chunk.charAt(i);
                        if (c == '\n') {
                            report.line(line.toString());
                            line.setLength(0);
                        } else if (line.length() < 4096) {
                            line.append(c);
                        }
                    }
                }
            }
            if (report != null && !line.isEmpty()) {
                report.line(line.toString());
            }
        } catch (IOException ignored) {
            // the process was killed
        } finally {
            stderrDone.countDown();
        }
    }

    private void exited() {
        if (stopping.get()) {
            return; // the timeout or cancel that killed it ends the run
        }
        try {
            // A child left running in the background may hold standard output open: do not wait for it long.
            stdoutDone.await(1, TimeUnit.SECONDS);
            if (report != null) {
                // The report is the last thing it prints, and its reader may lag on a busy machine: the
                // engine closes standard error as it exits, so this wait ends as soon as the report is read.
                stderrDone.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = process.exitValue();
        String text;
        synchronized (this) {
            text = output + (truncated ? "\n[output truncated at " + settings.maxOutput() + " characters]" : "");
        }
        if (code == 0) {
            SlmResult done = SlmResult.completed(text, -1, -1, elapsed());
            end(report == null ? done : report.apply(done));
        } else {
            String err = stderrTail();
            end(SlmResult.failed(SlmResult.Status.FAILED, "the command exited with code " + code
                    + (err.isEmpty() ? " and printed nothing on stderr" : "; stderr: " + err), text, elapsed()));
        }
    }

    private String stderrTail() {
        synchronized (stderr) {
            String s = stderr.toString().strip();
            return s.length() > STDERR_TAIL ? "..." + s.substring(s.length() - STDERR_TAIL) : s;
        }
    }

    @Override
    public void cancel() {
        stop(SlmResult.Status.CANCELLED, "cancelled");
    }

    private void stop(SlmResult.Status status, String why) {
        if (ended.get() || !stopping.compareAndSet(false, true)) {
            return;
        }
        if (process != null) {
            killTree(process.toHandle());
        }
        String partial;
        synchronized (this) {
            partial = output.toString();
        }
        end(SlmResult.failed(status, why, partial, elapsed()));
    }

    /** Kills the command and every process it started; children first, so none is left orphaned and unseen. */
    static void killTree(ProcessHandle root) {
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> children = root.descendants().toList();
            if (children.isEmpty()) {
                break;
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        List<ProcessHandle> left = root.descendants().toList();
        root.destroyForcibly();
        left.forEach(ProcessHandle::destroyForcibly);
    }

    private void end(SlmResult result) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        if (promptFile != null) {
            try {
                Files.deleteIfExists(promptFile);
            } catch (IOException ignored) {
                // a temporary file; the system cleans it up
            }
        }
        listener.onComplete(result);
    }

    private Duration elapsed() {
        return Duration.ofNanos(Math.max(0, context.nowNanos() - started));
    }
}
