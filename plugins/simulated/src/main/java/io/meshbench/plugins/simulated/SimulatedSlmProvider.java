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

    private static final class Engine implements SlmEngine, Adjustable {
        private final PluginContext context;
        private final int maxTokens;
        private final double speed;
        private final Profile profile;
        private volatile double slowdown = 1.0;

        Engine(PluginContext context) {
            this.context = context;
            this.profile = Profile.of(context);
            this.maxTokens = (int) profile.number(context, "max_tokens", 24);
            this.speed = profile.number(context, "speed", 1.0);
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

        @Override
        public Run start(SlmRequest request, Listener listener) {
            int promptTokens = SimulatedText.tokenCount(request.prompt());
            String unit = request.useNpu() ? "npu" : "cpu";
            double prefill = profile.number(context, "prefill_tps_" + unit, request.useNpu() ? 400 : 60) * speed;
            double decode = profile.number(context, "decode_tps_" + unit, request.useNpu() ? 30 : 12) * speed;
            if (!(prefill > 0 && decode > 0)) {
                throw new IllegalArgumentException("prefill_tps_" + unit + " and decode_tps_" + unit + " of device "
                        + context.deviceId() + " must be above 0, got " + prefill + " and " + decode);
            }
            double latency = profile.positive(context, "latency_ms", 0) / 1000 / speed;
            double seconds = (latency + promptTokens / prefill + maxTokens / decode) * slowdown;
            Duration modelled = Duration.ofNanos((long) (seconds * 1e9));
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
    }
}
