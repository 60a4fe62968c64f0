package io.meshbench.plugin;

import java.nio.file.Path;

/**
 * A plugin jar, or one plugin in it, that could not be used, and why.
 *
 * @param jar   the jar
 * @param fault what is wrong and what to do about it
 */
public record PluginProblem(Path jar, String fault) {

    @Override
    public String toString() {
        return jar + ": " + fault;
    }
}
