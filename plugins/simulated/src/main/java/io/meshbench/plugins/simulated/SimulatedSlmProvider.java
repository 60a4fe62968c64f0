package io.meshbench.plugins.simulated;

import io.meshbench.plugin.api.Adjustable;
import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmEngineProvider;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;

import java.time.Duration;

/**
 * A simulated small language model: deterministic text (the same prompt gives the same answer on
 * every device) after a modelled time of prefill plus decode. Settings (all optional):
 * {@code max_tokens} (default 24), {@code prefill_tps_cpu} / {@code prefill_tps_npu} (prompt tokens
 * a second, default 60 / 400), {@code decode_tps_cpu} / {@code decode_tps_npu} (generated tokens a
 * second, default 12 / 30), {@code latency_ms} (a fixed time before the first token, default 0:
 * what {@code meshbench calibrate} measures beyond the prompt's own processing) and {@code speed}
 * (a factor on all rates, default 1). A {@code profile}
 * fills in the rates not given (see {@link Profile}); the bundled profiles take them from
 * published on-device measurements and cite them.
 *
 * <p>{@code contention}: {@code none} (default) runs every task as if it had the device to itself;
 * {@code serial} runs one task at a time on each unit (the NPU, the CPU), the others waiting in
 * order of arrival, as a phone's NPU runs one model at a time: a task's time on the device is then
 * its wait plus its own run, and the task timeout counts both.
 */
public final class SimulatedSlmProvider implements SlmEngineProvider {

    public static final String NAME = "simulated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Simulated model: deterministic text after a prefill and decode time modelled from a device profile.";
    }

    @Override
    public SlmEngine create(PluginContext context) {
        return new Engine(context);
    }

    /** A run of a serial unit: waiting, then running, then done. */
    private static final class Queued {
        final SlmRequest request;
        final SlmEngine.Listener listener;
        final int promptTokens;
        final Duration service;
        final long submitted;
        PluginContext.Cancellable timer;
        boolean done;

        Queued(SlmRequest request, SlmEngine.Listener listener, int promptTokens, Duration service, long submitted) {
            this.request = request;
            this.listener = listener;
            this.promptTokens = promptTokens;
            this.service = service;
            this.submitted = submitted;
        }
    }

    private static final class Engine implements SlmEngine, Adjustable {
        private final PluginContext context;
        private final int maxTokens;
        private final double speed;
        private final Profile profile;
        private final boolean serial;
        /** With {@code contention: serial}: per unit, the run in progress first, then those waiting. */
        private final java.util.Map<Boolean, java.util.ArrayDeque<Queued>> units = new java.util.HashMap<>();
        private volatile double slowdown = 1.0;
        /**
         * The profile's rates per unit (cpu, npu) times the speed, and its latency in seconds, read on
         * first use (with the checks and errors of that use) and kept: the device's config and profile
         * do not change, and a run asks for them on every task.
         */
        private final double[] prefillRate = {Double.NaN, Double.NaN};
        private final double[] decodeRate = {Double.NaN, Double.NaN};
        private double latencySeconds = Double.NaN;

        Engine(PluginContext context) {
            this.context = context;
            this.profile = Profile.of(context);
            this.maxTokens = (int) profile.number(context, "max_tokens", 24);
            this.speed = profile.number(context, "speed", 1.0);
            String contention = context.string("contention", "none");
            if (!contention.equals("none") && !contention.equals("serial")) {
                throw new IllegalArgumentException("contention of device " + context.deviceId()
                        + " must be none or serial, got \"" + contention + "\"");
            }
            this.serial = contention.equals("serial");
            if (maxTokens < 1 || !(speed > 0)) {
                throw new IllegalArgumentException("max_tokens must be at least 1 and speed above 0 for device "
                        + context.deviceId() + "; got " + maxTokens + " and " + speed);
            }
        }

        /** A scenario's {@code slowdown} fault makes every later run take that many times as long. */
        @Override
        public boolean adjust(String condition, double value) {
            if (!Adjustable.SLOWDOWN.equals(condition)) {
                return false;
            }
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("slowdown must be a factor above 0, got " + value);
            }
            slowdown = value;
            return true;
        }

        /** The modelled time of a run: prefill plus decode, at the profile's rates, times the slowdown. */
        private Duration modelled(SlmRequest request) {
            int promptTokens = SimulatedText.tokenCount(request.prompt());
            int u = request.useNpu() ? 1 : 0;
            double prefill = prefillRate[u];
            double decode = decodeRate[u];
            if (Double.isNaN(prefill)) {
                String unit = request.useNpu() ? "npu" : "cpu";
                prefill = profile.number(context, "prefill_tps_" + unit, request.useNpu() ? 400 : 60) * speed;
                decode = profile.number(context, "decode_tps_" + unit, request.useNpu() ? 30 : 12) * speed;
                if (!(prefill > 0 && decode > 0)) {
                    throw new IllegalArgumentException("prefill_tps_" + unit + " and decode_tps_" + unit + " of device "
                            + context.deviceId() + " must be above 0, got " + prefill + " and " + decode);
                }
                decodeRate[u] = decode;
                prefillRate[u] = prefill;
            }
            double latency = latencySeconds;
            if (Double.isNaN(latency)) {
                latency = profile.positive(context, "latency_ms", 0) / 1000 / speed;
                latencySeconds = latency;
            }
            double seconds = (latency + promptTokens / prefill + maxTokens / decode) * slowdown;
            return Duration.ofNanos((long) (seconds * 1e9));
        }

        /** Its own run, and with {@code contention: serial} the runs ahead of it on its unit too. */
        @Override
        public java.util.Optional<Duration> expectedDuration(SlmRequest request) {
            Duration expected = modelled(request);
            if (serial) {
                java.util.ArrayDeque<Queued> unit = units.get(request.useNpu());
                if (unit != null) {
                    for (Queued ahead : unit) {
                        if (!ahead.done && ahead.request != request) {
                            expected = expected.plus(ahead.service);
                        }
                    }
                }
            }
            return java.util.Optional.of(expected);
        }

        @Override
        public Run start(SlmRequest request, Listener listener) {
            int promptTokens = SimulatedText.tokenCount(request.prompt());
            Duration modelled = modelled(request);
            if (serial) {
                return queue(request, listener, promptTokens, modelled);
            }
            Duration elapsed = modelled.compareTo(request.timeout()) > 0 ? request.timeout() : modelled;
            boolean timesOut = modelled.compareTo(request.timeout()) > 0;
            long started = context.nowNanos();
            boolean[] done = {false};
            PluginContext.Cancellable timer = context.schedule(elapsed, () -> {
                if (done[0]) {
                    return;
                }
                done[0] = true;
                if (timesOut) {
                    listener.onComplete(SlmResult.failed(SlmResult.Status.TIMED_OUT, "the modelled run takes "
                            + modelled.toMillis() + " ms, over the timeout of " + request.timeout().toMillis() + " ms",
                            "", elapsed));
                    return;
                }
                String text = SimulatedText.answer(request.prompt(), maxTokens);
                listener.onOutput(text);
                listener.onComplete(SlmResult.completed(text, promptTokens, maxTokens, elapsed));
            });
            return () -> {
                if (!done[0]) {
                    done[0] = true;
                    timer.cancel();
                    listener.onComplete(SlmResult.failed(SlmResult.Status.CANCELLED, "cancelled", "",
                            Duration.ofNanos(context.nowNanos() - started)));
                }
            };
        }

        private Run queue(SlmRequest request, Listener listener, int promptTokens, Duration service) {
            java.util.ArrayDeque<Queued> unit = units.computeIfAbsent(request.useNpu(), u -> new java.util.ArrayDeque<>());
            Queued run = new Queued(request, listener, promptTokens, service, context.nowNanos());
            unit.addLast(run);
            if (unit.size() == 1) {
                begin(unit);
            }
            return () -> {
                if (run.done) {
                    return;
                }
                run.done = true;
                boolean wasRunning = unit.peekFirst() == run;
                unit.remove(run);
                if (run.timer != null) {
                    run.timer.cancel();
                }
                run.listener.onComplete(SlmResult.failed(SlmResult.Status.CANCELLED, "cancelled", "",
                        Duration.ofNanos(context.nowNanos() - run.submitted)));
                if (wasRunning && !unit.isEmpty()) {
                    begin(unit);
                }
            };
        }

        /** Starts the first run of {@code unit}: its own time, cut short where the timeout falls first. */
        private void begin(java.util.ArrayDeque<Queued> unit) {
            Queued run = unit.peekFirst();
            long left = run.request.timeout().toNanos() - (context.nowNanos() - run.submitted);
            boolean timesOut = run.service.toNanos() > left;
            run.timer = context.schedule(Duration.ofNanos(Math.max(0, timesOut ? left : run.service.toNanos())), () -> {
                if (run.done) {
                    return;
                }
                run.done = true;
                unit.pollFirst();
                Duration elapsed = Duration.ofNanos(context.nowNanos() - run.submitted);
                if (timesOut) {
                    run.listener.onComplete(SlmResult.failed(SlmResult.Status.TIMED_OUT, "waited and ran "
                            + elapsed.toMillis() + " ms, over the timeout of " + run.request.timeout().toMillis()
                            + " ms", "", elapsed));
                } else {
                    String text = SimulatedText.answer(run.request.prompt(), maxTokens);
                    run.listener.onOutput(text);
                    run.listener.onComplete(SlmResult.completed(text, run.promptTokens, maxTokens, elapsed));
                }
                if (!unit.isEmpty()) {
                    begin(unit);
                }
            });
        }
    }
}
