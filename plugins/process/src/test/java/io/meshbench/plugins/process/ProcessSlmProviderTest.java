package io.meshbench.plugins.process;

import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process engine against real shell scripts, as the original run_slm.sh. */
class ProcessSlmProviderTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private PluginContext context(Map<String, Object> config) {
        return new PluginContext() {
            public String deviceId() { return "Device_B"; }
            public Map<String, Object> config() { return config; }
            public long nowNanos() { return System.nanoTime(); }
            public Cancellable schedule(Duration delay, Runnable action) {
                var f = timers.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }
            public System.Logger logger() { return System.getLogger("test"); }
            public RandomGenerator random() { return new SplittableRandom(1); }
        };
    }

    private Path script(String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    /** Records a run: its output pieces and its one end. */
    private static final class Run implements SlmEngine.Listener {
        final List<String> pieces = new CopyOnWriteArrayList<>();
        final List<SlmResult> ends = new CopyOnWriteArrayList<>();
        final CompletableFuture<SlmResult> end = new CompletableFuture<>();
        final CompletableFuture<String> firstOutput = new CompletableFuture<>();

        public void onOutput(String text) {
            pieces.add(text);
            firstOutput.complete(text);
        }

        public void onComplete(SlmResult result) {
            ends.add(result);
            end.complete(result);
        }

        SlmResult await() throws Exception {
            return end.get(20, TimeUnit.SECONDS);
        }
    }

    private Run run(Map<String, Object> config, String prompt, Duration timeout) {
        Run run = new Run();
        new ProcessSlmProvider().create(context(config)).start(new SlmRequest("task_1", prompt, true, timeout), run);
        return run;
    }

    @Test
    void promptOnStdinAnswerOnStdout() throws Exception {
        Path s = script("upper.sh", "tr a-z A-Z\necho \" (npu=$MESHBENCH_USE_NPU task=$MESHBENCH_TASK_ID)\"\n");
        SlmResult end = run(Map.of("command", List.of(s.toString())), "describe a sunset", Duration.ofSeconds(10)).await();
        assertEquals(SlmResult.Status.COMPLETED, end.status(), end.error());
        assertEquals("DESCRIBE A SUNSET (npu=1 task=task_1)\n", end.output());
    }

    @Test
    void aTaskIdFromTheWireNeverRunsAsShellCodeInAOneLineCommand() throws Exception {
        Path owned = dir.resolve("owned");
        String taskId = "x; touch " + owned + "; echo $(id)`id`";
        Run run = new Run();
        new ProcessSlmProvider().create(context(Map.of("command", "cat >/dev/null; echo task={task_id} npu={use_npu}")))
                .start(new SlmRequest(taskId, "p", false, Duration.ofSeconds(10)), run);
        SlmResult end = run.await();
        assertEquals(SlmResult.Status.COMPLETED, end.status(), end.error());
        assertEquals("task=" + taskId + " npu=false\n", end.output(), "the task id is printed as data");
        assertFalse(Files.exists(owned), "the task id ran as a shell command");
    }

    @Test
    void promptInAFileAsTheSeedsRunSlmTakesIt() throws Exception {
        Path s = script("run_slm.sh", "echo \"model read: $(cat \"$1\")\"\n");
        SlmResult end = run(Map.of("command", List.of(s.toString()), "prompt_via", "file"), "hello mesh",
                Duration.ofSeconds(10)).await();
        assertEquals("model read: hello mesh\n", end.output());
    }

    @Test
    void outputIsStreamedBeforeTheCommandEnds() throws Exception {
        Path gate = dir.resolve("gate");
        Path s = script("stream.sh", "echo first\nwhile [ ! -f '" + gate + "' ]; do sleep 0.05; done\necho second\n");
        Run run = run(Map.of("command", List.of(s.toString())), "", Duration.ofSeconds(10));
        assertEquals("first\n", run.firstOutput.get(10, TimeUnit.SECONDS));
        assertFalse(run.end.isDone(), "the command is still running when its first line arrives");
        Files.writeString(gate, "go");
        assertEquals("first\nsecond\n", run.await().output());
        assertEquals("first\nsecond\n", String.join("", run.pieces));
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndStderr() throws Exception {
        Path s = script("fail.sh", "echo partial\necho 'model file not found: /data/model.bin' >&2\nexit 3\n");
        SlmResult end = run(Map.of("command", List.of(s.toString())), "x", Duration.ofSeconds(10)).await();
        assertEquals(SlmResult.Status.FAILED, end.status());
        assertTrue(end.error().contains("exited with code 3") && end.error().contains("model file not found"), end.error());
        assertEquals("partial\n", end.output());
    }

    @Test
    void aHangingCommandTimesOutAndItsWholeTreeIsKilled() throws Exception {
        Path pids = dir.resolve("pids");
        Path s = script("hang.sh", "sleep 1000 &\necho $! > '" + pids + "'\nsleep 1000\n");
        Run run = run(Map.of("command", List.of(s.toString())), "x", Duration.ofMillis(700));
        SlmResult end = run.await();
        assertEquals(SlmResult.Status.TIMED_OUT, end.status(), end.error());
        assertGone(pids);
        Thread.sleep(300);
        assertEquals(1, run.ends.size(), "the run ended exactly once: " + run.ends);
    }

    @Test
    void cancelKillsTheWholeProcessTree() throws Exception {
        Path pids = dir.resolve("pids");
        Path s = script("hang.sh", "sh -c 'sleep 1000' &\necho $! > '" + pids + "'\necho started\nsleep 1000\n");
        Run run = new Run();
        SlmEngine.Run handle = new ProcessSlmProvider().create(context(Map.of("command", List.of(s.toString()))))
                .start(new SlmRequest("task_2", "x", false, Duration.ofSeconds(60)), run);
        assertEquals("started\n", run.firstOutput.get(10, TimeUnit.SECONDS));
        handle.cancel();
        SlmResult end = run.await();
        assertEquals(SlmResult.Status.CANCELLED, end.status());
        assertEquals("started\n", end.output(), "the partial output is kept");
        assertGone(pids);
    }

    private static void assertGone(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " still runs");
    }

    @Test
    void aCommandThatCannotRunFailsClearly() throws Exception {
        SlmResult end = run(Map.of("command", List.of(dir.resolve("missing.sh").toString())), "x", Duration.ofSeconds(5)).await();
        assertEquals(SlmResult.Status.FAILED, end.status());
        assertTrue(end.error().contains("missing.sh") && end.error().contains("check \"command\""), end.error());
    }

    @Test
    void badSettingsAreRefusedWithWhatToWrite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProcessSlmProvider().create(context(Map.of())));
        assertTrue(e.getMessage().contains("needs \"command\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ProcessSlmProvider().create(context(Map.of("command", "cat", "prompt_via", "pigeon"))));
        assertTrue(e.getMessage().contains("prompt_via"), e.getMessage());
    }
}
