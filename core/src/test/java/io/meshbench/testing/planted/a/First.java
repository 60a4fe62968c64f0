package io.meshbench.testing.planted.a;

/** Half of a package cycle planted for ArchitectureRulesTest. */
public final class First {
    public io.meshbench.testing.planted.b.Second other;
}
