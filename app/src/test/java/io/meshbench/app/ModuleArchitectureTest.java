package io.meshbench.app;

import io.meshbench.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The window keeps the project's dependency directions. Its own packages still import each other
 * in a circle (shell, playback, bench, scenario, replay); until they depend on one shell, only the
 * directions are checked here.
 */
class ModuleArchitectureTest {

    @Test
    void keepsTheDependencyDirections() {
        ArchitectureRules.checkDirections(ArchitectureRules.moduleClasses());
    }
}
