package io.meshbench.adb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phone-side agent's scripts (module {@code agent}), read from the class path where the agent
 * jar puts them: {@code io/meshbench/agent/files.txt} names them, one a line.
 *
 * @param files script name to content, in the order of {@code files.txt}
 */
public record AgentBundle(Map<String, byte[]> files) {

    private static final String ROOT = "io/meshbench/agent/";

    public AgentBundle {
        files = Map.copyOf(files);
    }

    /** The scripts on the class path; fails, saying what is missing, when the agent jar is not there. */
    public static AgentBundle fromClassPath() {
        ClassLoader loader = AgentBundle.class.getClassLoader();
        byte[] index = read(loader, ROOT + "files.txt");
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : new String(index, StandardCharsets.UTF_8).split("\n")) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty()) {
                files.put(trimmed, read(loader, ROOT + trimmed));
            }
        }
        return new AgentBundle(files);
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the phone agent's " + resource + " is not on the class path: "
                        + "build the agent module (mvn -pl agent install) or run through ./meshbench");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public List<String> names() {
        return List.copyOf(files.keySet());
    }

    /** Writes every script into {@code dir}, executable, as {@code setup} lays them out on a phone. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.write(target, file.getValue());
            try {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the scripts are run with "sh FILE" anyway
            }
        }
    }
}
