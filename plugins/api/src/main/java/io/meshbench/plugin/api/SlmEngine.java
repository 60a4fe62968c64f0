package io.meshbench.plugin.api;

/**
 * Runs prompts through a small language model. {@link #start} returns at once; the engine reports
 * output and the end through the listener, from any thread (the host moves the calls onto the
 * node's own thread). The engine must call {@link Listener#onComplete} exactly once per run, also
 * on timeout ({@link SlmResult.Status#TIMED_OUT}) and on cancel ({@link SlmResult.Status#CANCELLED}).
 */
public interface SlmEngine extends AutoCloseable {

    /** Starts a run. */
    Run start(SlmRequest request, Listener listener);

    /**
     * How long a run of {@code request} is expected to take, if the engine can tell (a simulated
     * engine from its profile, a real one from its own measurements); empty when it cannot. A device
     * sends it in its ACK of a TASK, and the orchestrator sets the result deadline from it.
     */
    default java.util.Optional<java.time.Duration> expectedDuration(SlmRequest request) {
        return java.util.Optional.empty();
    }

    @Override
    default void close() {
    }

    /** A run in progress. */
    interface Run {
        /** Stops the run; the listener then receives a {@link SlmResult.Status#CANCELLED} result. */
        void cancel();
    }

    /** Receives the output of one run. */
    interface Listener {
        /** A piece of generated text, in order. */
        default void onOutput(String text) {
        }

        /** The end of the run; called exactly once. */
        void onComplete(SlmResult result);
    }
}
