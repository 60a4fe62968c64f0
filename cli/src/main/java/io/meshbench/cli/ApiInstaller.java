package io.meshbench.cli;

import io.meshbench.plugin.scaffold.PluginScaffold;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes sure a new plugin project can resolve {@code io.meshbench:meshbench-plugin-api} from the
 * local Maven repository: when it is missing there, and this MeshBench runs from its source folder,
 * installs it with {@code mvn install -pl plugins/api -am}; otherwise says what to run.
 */
final class ApiInstaller {

    private ApiInstaller() {
    }

    static Path localRepositoryPom() {
        String version = PluginScaffold.apiVersion();
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        return Path.of(repo, "io", "meshbench", "meshbench-plugin-api", version, "meshbench-plugin-api-" + version + ".pom");
    }

    /** The MeshBench source folder this runs from (app/target/... or app/target/classes), or null. */
    static Path sourceRoot() {
        try {
            Path here = Path.of(ApiInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("plugins/api/pom.xml")) && Files.isRegularFile(p.resolve("meshbench"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** How to call this launcher in printed instructions. */
    static String launcher() {
        Path root = sourceRoot();
        return root == null ? "meshbench" : root.resolve("meshbench").toString();
    }

    static void ensureInstalled(PrintStream out) {
        if (Files.isRegularFile(localRepositoryPom())) {
            return;
        }
        Path root = sourceRoot();
        String command = "mvn -q install -pl plugins/api -am";
        if (root == null) {
            out.println();
            out.println("The plugin API is not in your local Maven repository yet; in the MeshBench folder run: " + command);
            return;
        }
        out.println();
        out.println("Installing the plugin API into your local Maven repository (" + command + " in " + root + ") ...");
        ProcessBuilder mvn = new ProcessBuilder("mvn", "-q", "-B", "install", "-pl", "plugins/api", "-am", "-DskipTests")
                .directory(root.toFile()).inheritIO().redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        mvn.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            int code = mvn.start().waitFor();
            out.println(code == 0 ? "Installed io.meshbench:meshbench-plugin-api:" + PluginScaffold.apiVersion() + "."
                    : "Maven failed (exit code " + code + "); run '" + command + "' in " + root + " yourself.");
        } catch (IOException e) {
            out.println("Maven (mvn) could not be run (" + e.getMessage() + "); run '" + command + "' in " + root + " yourself.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
