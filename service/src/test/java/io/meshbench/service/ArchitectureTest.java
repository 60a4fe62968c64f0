package io.meshbench.service;

import io.meshbench.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** This module keeps the project's dependency directions and has no package cycles. */
class ArchitectureTest {

    @Test
    void keepsTheModuleStructure() {
        ArchitectureRules.check(ArchitectureRules.moduleClasses());
    }
}
