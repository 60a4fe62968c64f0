package io.meshbench.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Nothing but the window imports JavaFX: the mesh, its plugins and the command line stay usable
 * without a screen. Checks the classes on this module's class path and every other module's
 * compiled classes found in the reactor (modules app does not depend on, too).
 */
class ArchitectureTest {

    @Test
    void onlyTheWorkbenchImportsJavaFx() throws IOException {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        JavaClasses classes = importer.importPackages("io.meshbench");
        noClasses().that().resideOutsideOfPackage("io.meshbench.app..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("only the workbench window (io.meshbench.app) may use JavaFX")
                .check(classes);

        List<Path> otherModules = otherModulesClasses();
        if (!otherModules.isEmpty()) {
            noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                    .because("only the app module may use JavaFX")
                    .allowEmptyShould(true)
                    .check(new ClassFileImporter().importPaths(otherModules));
        }
        assertFalse(classes.isEmpty(), "no MeshBench classes found on the class path");
    }

    /**
     * The window's packages depend on each other one way only: features (graph, auctions, ...) below the
     * views they make up, the shell below every window, the windows (live, scenario, replay, bench) side
     * by side, the launchers on top. A cycle would tie two of them together for good.
     */
    @Test
    void theWindowsPackagesAreFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.meshbench.app");
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .assignedFrom(new com.tngtech.archunit.library.dependencies.SliceAssignment() {
                    @Override
                    public com.tngtech.archunit.library.dependencies.SliceIdentifier getIdentifierOf(
                            com.tngtech.archunit.core.domain.JavaClass c) {
                        String p = c.getPackageName();
                        if (p.equals("io.meshbench.app")) {
                            return com.tngtech.archunit.library.dependencies.SliceIdentifier.of("app (launchers)");
                        }
                        if (p.startsWith("io.meshbench.app.")) {
                            return com.tngtech.archunit.library.dependencies.SliceIdentifier.of(
                                    p.substring("io.meshbench.app.".length()).split("\\.")[0]);
                        }
                        return com.tngtech.archunit.library.dependencies.SliceIdentifier.ignore();
                    }

                    @Override
                    public String getDescription() {
                        return "the packages of io.meshbench.app";
                    }
                })
                .should().beFreeOfCycles()
                .check(classes);
        assertFalse(classes.isEmpty());
    }

    private static List<Path> otherModulesClasses() throws IOException {
        Path root = Path.of(System.getProperty("meshbench.root", ".."));
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, 4)) {
            walk.filter(p -> p.endsWith(Path.of("target", "classes")) && Files.isDirectory(p))
                    .filter(p -> !p.normalize().toAbsolutePath().startsWith(root.resolve("app").normalize().toAbsolutePath()))
                    .forEach(found::add);
        }
        return found;
    }
}
