package io.meshbench.plugin.check;

import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmEngineProvider;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An SLM engine's contract: a run ends exactly once; a prompt completes within its timeout; a
 * cancel ends the run as {@code CANCELLED} at once; a run over its timeout ends as
 * {@code TIMED_OUT} close to it.
 */
final class SlmChecks {

    static final Duration SHORT_TIMEOUT = Duration.ofMillis(100);
    /** How long after the deadline (or the cancel) the end may come. */
    static final Duration GRACE = Duration.ofSeconds(3);
    static final String PROMPT = "Describe a beautiful sunset over the ocean";

    private SlmChecks() {
    }

    /** The ends and output a run reported, and when. */
    private static final class Recorder implements SlmEngine.Listener {
        final List<SlmResult> ends = new CopyOnWriteArrayList<>();
        final StringBuffer output = new StringBuffer();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile long endedAt;

        @Override
        public void onOutput(String text) {
            output.append(text);
        }

        @Override
        public void onComplete(SlmResult result) {
            ends.add(result);
            endedAt = System.nanoTime();
            ended.countDown();
        }

        boolean await(Duration timeout) throws InterruptedException {
            boolean done = ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Thread.sleep(200); // long enough to see a second end, if the engine sends one
            return done;
        }
    }

    static void run(CheckReport report, String name, SlmEngineProvider provider, Map<String, Object> config,
                    Duration completeTimeout) {
        try (CheckContext context = new CheckContext(config)) {
            SlmEngine engine;
            try {
                engine = PluginCheck.within(10, () -> provider.create(context));
                if (engine == null) {
                    report.fail(name, "creates an engine", "create() returned null");
                    return;
                }
                report.pass(name, "creates an engine", "");
            } catch (Exception e) {
                report.fail(name, "creates an engine", PluginCheck.thrown(e)
                        + (config.isEmpty() ? " (give its settings with --config '{\"key\": value}')" : ""));
                return;
            }
            try {
                completes(report, name, engine, completeTimeout);
                cancels(report, name, engine, completeTimeout);
                timesOut(report, name, engine);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                PluginCheck.within(10, () -> {
                    engine.close();
                    return null;
                });
                report.pass(name, "closes", "");
            } catch (Exception e) {
                report.fail(name, "closes", PluginCheck.thrown(e));
            }
        }
    }

    private static SlmEngine.Run start(SlmEngine engine, Duration timeout, Recorder recorder, String id) throws Exception {
        return PluginCheck.within(5, () -> engine.start(new SlmRequest(id, PROMPT, false, timeout), recorder));
    }

    private static void completes(CheckReport report, String name, SlmEngine engine, Duration timeout)
            throws InterruptedException {
        String check = "completes a prompt, ending once";
        Recorder r = new Recorder();
        long start = System.nanoTime();
        try {
            start(engine, timeout, r, "check_complete");
        } catch (Exception e) {
            report.fail(name, check, "start() threw " + PluginCheck.thrown(e));
            return;
        }
        if (!r.await(timeout.plus(GRACE))) {
            report.fail(name, check, "no end within " + timeout.plus(GRACE).toSeconds() + " s (timeout "
                    + timeout.toSeconds() + " s): onComplete must be called");
        } else if (r.ends.size() > 1) {
            report.fail(name, check, "onComplete was called " + r.ends.size() + " times; exactly once is the contract");
        } else if (r.ends.get(0) == null || r.ends.get(0).status() != SlmResult.Status.COMPLETED) {
            SlmResult end = r.ends.get(0);
            report.fail(name, check, end == null ? "ended with a null result"
                    : "ended " + end.status() + ": " + end.error());
        } else {
            SlmResult end = r.ends.get(0);
            report.pass(name, check, String.format(Locale.ROOT, "%.0f ms, %d characters, prompt tokens %s, generated %s",
                    (r.endedAt - start) / 1e6, end.output().length(), tokens(end.promptTokens()),
                    tokens(end.generatedTokens())));
        }
    }

    private static void cancels(CheckReport report, String name, SlmEngine engine, Duration timeout)
            throws InterruptedException {
        String check = "honours cancel";
        Recorder r = new Recorder();
        long cancelledAt;
        try {
            SlmEngine.Run run = start(engine, timeout, r, "check_cancel");
            cancelledAt = System.nanoTime();
            PluginCheck.within(5, () -> {
                run.cancel();
                return null;
            });
        } catch (Exception e) {
            report.fail(name, check, "start() or cancel() threw " + PluginCheck.thrown(e));
            return;
        }
        if (!r.await(GRACE)) {
            report.fail(name, check, "no end within " + GRACE.toSeconds() + " s of cancel(): call onComplete(CANCELLED)");
        } else if (r.ends.size() > 1) {
            report.fail(name, check, "onComplete was called " + r.ends.size() + " times after cancel; exactly once");
        } else if (r.ends.get(0) == null || r.ends.get(0).status() != SlmResult.Status.CANCELLED) {
            report.fail(name, check, "ended " + (r.ends.get(0) == null ? "with null" : r.ends.get(0).status())
                    + " instead of CANCELLED");
        } else {
            report.pass(name, check, String.format(Locale.ROOT, "ended CANCELLED %.1f ms after cancel()",
                    (r.endedAt - cancelledAt) / 1e6));
        }
    }

    private static void timesOut(CheckReport report, String name, SlmEngine engine) throws InterruptedException {
        String check = "honours the timeout";
        Recorder r = new Recorder();
        long start = System.nanoTime();
        try {
            start(engine, SHORT_TIMEOUT, r, "check_timeout");
        } catch (Exception e) {
            report.fail(name, check, "start() threw " + PluginCheck.thrown(e));
            return;
        }
        if (!r.await(SHORT_TIMEOUT.plus(GRACE))) {
            report.fail(name, check, "no end within " + SHORT_TIMEOUT.plus(GRACE).toMillis() + " ms for a timeout of "
                    + SHORT_TIMEOUT.toMillis() + " ms: end the run as TIMED_OUT when the request's timeout passes");
            return;
        }
        SlmResult end = r.ends.get(0);
        double ms = (r.endedAt - start) / 1e6;
        if (r.ends.size() > 1) {
            report.fail(name, check, "onComplete was called " + r.ends.size() + " times; exactly once");
        } else if (end != null && end.status() == SlmResult.Status.TIMED_OUT) {
            report.pass(name, check, String.format(Locale.ROOT, "ended TIMED_OUT after %.0f ms (timeout %d ms)",
                    ms, SHORT_TIMEOUT.toMillis()));
        } else if (end != null && end.status() == SlmResult.Status.COMPLETED && ms <= SHORT_TIMEOUT.toMillis() + 50) {
            report.pass(name, check, String.format(Locale.ROOT, "completed within the %d ms timeout (%.0f ms)",
                    SHORT_TIMEOUT.toMillis(), ms));
        } else {
            report.fail(name, check, String.format(Locale.ROOT, "ended %s after %.0f ms for a timeout of %d ms; "
                    + "expected TIMED_OUT", end == null ? "with null" : end.status(), ms, SHORT_TIMEOUT.toMillis()));
        }
    }

    private static String tokens(int n) {
        return n < 0 ? "unknown" : Integer.toString(n);
    }
}
