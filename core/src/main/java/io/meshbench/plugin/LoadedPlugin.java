package io.meshbench.plugin;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One plugin a registry holds, for listings: what it is and where it came from.
 *
 * @param kind        {@code metrics}, {@code slm} or {@code strategy}
 * @param name        the name it is picked by
 * @param version     its version
 * @param description what it does
 * @param jar         the jar it was loaded from; empty for a plugin on MeshBench's own class path
 */
public record LoadedPlugin(String kind, String name, String version, String description, Optional<Path> jar) {

    /** Where it came from, in words. */
    public String origin() {
        return jar.map(Path::toString).orElse("built-in");
    }
}
