package io.meshbench.plugin.api;

import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What the host hands to a plugin instance. The host owns it; a plugin keeps the reference for its
 * lifetime and uses nothing of the host beyond it.
 */
public interface PluginContext {

    /** The id of the device (or orchestrator) this plugin instance serves. */
    String deviceId();

    /**
     * This plugin's configuration: the JSON object given for it in {@code device_config.json}
     * (numbers, strings, booleans, lists and maps), never {@code null}.
     */
    Map<String, Object> config();

    /** Current time in nanoseconds since the epoch: wall-clock in a live mesh, virtual in a simulation. */
    long nowNanos();

    /**
     * Runs {@code action} after {@code delay}, on the thread that drives this plugin's node. In a
     * simulation the delay passes in virtual time.
     */
    Cancellable schedule(Duration delay, Runnable action);

    /** A logger named after the plugin and the device. */
    System.Logger logger();

    /** A random source derived from the run's root seed: the same seed gives the same stream. */
    RandomGenerator random();

    /** Reads a number from {@link #config()}, or {@code fallback} when it is absent. */
    default double number(String key, double fallback) {
        Object value = config().get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(
                "config field '" + key + "' of device " + deviceId() + " must be a number, got: " + value);
    }

    /** Reads a string from {@link #config()}, or {@code fallback} when it is absent. */
    default String string(String key, String fallback) {
        Object value = config().get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(
                "config field '" + key + "' of device " + deviceId() + " must be a string, got: " + value);
    }

    /** Reads {@code true} or {@code false} from {@link #config()}, or {@code fallback} when it is absent. */
    default boolean flag(String key, boolean fallback) {
        Object value = config().get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(
                "config field '" + key + "' of device " + deviceId() + " must be true or false, got: " + value);
    }

    /** Something that was scheduled and can be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** Calls the action off; does nothing if it has run already. */
        void cancel();
    }
}
