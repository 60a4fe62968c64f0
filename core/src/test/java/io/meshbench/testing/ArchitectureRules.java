package io.meshbench.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module structure as rules, checked by every module's own ArchitectureTest on its compiled
 * classes: dependencies point toward the mesh core and the plugin SPI, never back, and no module's
 * packages depend on each other in a cycle.
 *
 * <pre>
 *   plugin.api  <-  core (protocol, net, node, auction, event, runtime, sim, live, plugin, observe)
 *               <-  tools (record, replay, report, scenario, adb, plugin.check, plugin.scaffold, bench, ...)
 *               <-  cli  <-  app (the only JavaFX)
 * </pre>
 */
public final class ArchitectureRules {

    /** The lean mesh: what a phone or a server runs. */
    public static final String[] CORE = {"io.meshbench.protocol..", "io.meshbench.net..", "io.meshbench.node..",
            "io.meshbench.auction..", "io.meshbench.event..", "io.meshbench.runtime..", "io.meshbench.sim..",
            "io.meshbench.live..", "io.meshbench.observe..", "io.meshbench.security..", "io.meshbench.health..",
            "io.meshbench.verify..", "io.meshbench.schedule.."};

    /** The plugin host lives in core too, but its tool sub-packages do not. */
    private static final String PLUGIN_HOST = "io.meshbench.plugin";

    private ArchitectureRules() {
    }

    /** This module's main classes (the surefire working directory is the module's folder). */
    public static JavaClasses moduleClasses() {
        Path classes = Path.of("target", "classes");
        assertTrue(Files.isDirectory(classes), "no compiled classes at " + classes.toAbsolutePath());
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        assertFalse(imported.isEmpty(), "no classes under " + classes.toAbsolutePath());
        return imported;
    }

    /** Every rule, on one module's classes. */
    public static void check(JavaClasses classes) {
        checkFreeOfCycles(classes);
        checkDirections(classes);
    }

    /** No package of the module depends on another in a cycle. */
    public static void checkFreeOfCycles(JavaClasses classes) {
        slices().matching("io.meshbench.(**)").should().beFreeOfCycles()
                .because("a package cycle makes a module impossible to split or test alone")
                .check(classes);
    }

    /** Dependencies point toward the core and the plugin SPI. */
    public static void checkDirections(JavaClasses classes) {
        noClasses().that().resideInAnyPackage(CORE).or().resideInAPackage(PLUGIN_HOST)
                .should().dependOnClassesThat().resideOutsideOfPackages(allowedFromCore())
                .because("the mesh core is deployable alone: no tools, command line or window in it")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideOutsideOfPackages("io.meshbench.cli..", "io.meshbench.app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.meshbench.cli..", "io.meshbench.app..")
                .because("tools are used by the command line and the window, not the other way round")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideOutsideOfPackage("io.meshbench.app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.meshbench.app..", "javafx..")
                .because("only the workbench window (io.meshbench.app) uses JavaFX; nothing depends on it")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage("io.meshbench.plugin.api..")
                .should().dependOnClassesThat().resideInAPackage("io.meshbench..")
                .orShould().dependOnClassesThat().resideOutsideOfPackages("io.meshbench.plugin.api..", "java..")
                .because("the plugin SPI is the only thing a plugin author depends on: the JDK and itself")
                .allowEmptyShould(true).check(classes);
    }

    private static String[] allowedFromCore() {
        String[] allowed = new String[CORE.length + 7];
        System.arraycopy(CORE, 0, allowed, 0, CORE.length);
        allowed[CORE.length] = "io.meshbench.plugin";
        allowed[CORE.length + 1] = "io.meshbench.plugin.api..";
        allowed[CORE.length + 2] = "java..";
        allowed[CORE.length + 3] = "com.fasterxml.jackson..";
        allowed[CORE.length + 4] = "org.slf4j..";
        // A mesh's certificates are issued where it is made, also by demo's and the window's ephemeral
        // meshes; the JDK has TLS but no API to write a certificate.
        allowed[CORE.length + 5] = "org.bouncycastle..";
        allowed[CORE.length + 6] = "javax.."; // the JDK's TLS and MAC
        return allowed;
    }
}
