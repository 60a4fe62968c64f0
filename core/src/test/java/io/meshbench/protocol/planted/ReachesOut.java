package io.meshbench.protocol.planted;

/** A core class that depends on something outside the core, planted for ArchitectureRulesTest. */
public final class ReachesOut {
    public io.meshbench.testing.ArchitectureRules outside;
}
