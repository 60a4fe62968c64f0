package io.meshbench.testing.planted.b;

/** The other half of the planted cycle. */
public final class Second {
    public io.meshbench.testing.planted.a.First other;
}
