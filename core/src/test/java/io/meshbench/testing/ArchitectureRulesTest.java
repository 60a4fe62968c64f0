package io.meshbench.testing;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.meshbench.protocol.planted.ReachesOut;
import io.meshbench.testing.planted.a.First;
import io.meshbench.testing.planted.b.Second;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules catch what they are for: a planted package cycle, and a core class that reaches out. */
class ArchitectureRulesTest {

    @Test
    void aPackageCycleIsCaught() {
        var classes = new ClassFileImporter().importClasses(First.class, Second.class);
        assertThrows(AssertionError.class, () -> ArchitectureRules.checkFreeOfCycles(classes));
    }

    @Test
    void aCoreClassDependingOnAToolIsCaught() {
        var classes = new ClassFileImporter().importClasses(ReachesOut.class);
        assertThrows(AssertionError.class, () -> ArchitectureRules.checkDirections(classes));
    }
}
