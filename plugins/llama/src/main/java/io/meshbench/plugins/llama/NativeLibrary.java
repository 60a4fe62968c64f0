package io.meshbench.plugins.llama;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Puts llama.cpp's native library where the binding loads it from, once per process.
 *
 * <p>Left to itself the binding extracts {@code libjllama.so} into the shared temporary folder under a
 * fixed name (two JVMs starting together can overwrite each other's copy) and prints a line on
 * standard output (which would break {@code --json} output). So the library is copied once into
 * {@code ~/.cache/meshbench/jllama/VERSION/OS/ARCH} (atomically: a temporary file, then a rename)
 * and the binding is pointed at it with {@code de.kherud.llama.lib.path}.
 */
final class NativeLibrary {

    private static boolean prepared;

    private NativeLibrary() {
    }

    static synchronized void prepare() {
        if (prepared || System.getProperty("de.kherud.llama.lib.path") != null) {
            prepared = true;
            return;
        }
        prepared = true;
        String folder = folder();
        String name = System.mapLibraryName("jllama");
        String resource = "/de/kherud/llama/" + folder + "/" + name;
        try (InputStream in = de.kherud.llama.LlamaModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                return; // not bundled for this system: the binding searches java.library.path itself
            }
            String version = de.kherud.llama.LlamaModel.class.getPackage().getImplementationVersion();
            Path dir = Path.of(System.getProperty("user.home"), ".cache", "meshbench", "jllama",
                    version == null ? "4.1.0" : version, folder);
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, name, ".part");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            System.setProperty("de.kherud.llama.lib.path", dir.toString());
            // The binding first deletes old copies in its temporary folder: give it an empty one of its own.
            System.setProperty("de.kherud.llama.tmpdir", Files.createTempDirectory("meshbench-jllama").toString());
        } catch (IOException e) {
            System.getLogger(NativeLibrary.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot cache llama.cpp's native library (" + e.getMessage() + "); the binding extracts it itself");
        }
    }

    private static String folder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String a = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        boolean android = System.getProperty("java.vm.vendor", "").toLowerCase(Locale.ROOT).contains("android")
                || System.getProperty("java.runtime.name", "").toLowerCase(Locale.ROOT).contains("android");
        if (os.contains("mac") || os.contains("darwin")) {
            return "Mac/" + a;
        }
        if (os.contains("windows")) {
            return "Windows/" + a;
        }
        return (android ? "Linux-Android/" : "Linux/") + a;
    }
}
