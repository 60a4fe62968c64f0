package io.meshbench.plugin.api;

/**
 * Optional for simulated plugins: lets a scenario change a device's conditions in the middle of a
 * run (its faults {@code slow} and {@code battery}). Real plugins measure the world and do not
 * implement it.
 */
public interface Adjustable {

    /** Makes the device's work take {@code factor} times as long as its model says (1 is normal). */
    String SLOWDOWN = "slowdown";

    /** Sets the device's battery level, in percent. */
    String BATTERY = "battery";

    /**
     * Applies a condition.
     *
     * @return whether this plugin models {@code condition}; {@code false} leaves it unchanged
     */
    boolean adjust(String condition, double value);
}
