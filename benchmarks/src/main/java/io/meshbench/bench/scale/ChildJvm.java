package io.meshbench.bench.scale;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a scale run's child JVM is started: the same {@code java} and class path as the running JVM,
 * with the running JVM's heap and collector options (the launcher's defaults, or the user's own
 * from {@code MESHBENCH_JAVA_OPTS}/{@code JAVA_OPTS}); when the running JVM was started without any
 * (a test, an IDE), the launcher's defaults.
 */
public final class ChildJvm {

    /**
     * The launcher's default heap limit. Keep it in step with {@code ./meshbench} and the bundles'
     * launchers ({@code scripts/dist}); the cli module's launcher test checks that they agree.
     */
    public static final String DEFAULT_HEAP = "-Xmx768m";

    /** The launcher's default collector (see docs/benchmarks.md, "Heap defaults", for why). */
    public static final String DEFAULT_GC = "-XX:+UseSerialGC";

    private ChildJvm() {
    }

    /** The {@code java} of the running JVM. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The options for a child JVM, from the running JVM's own. */
    public static List<String> options() {
        return options(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** The heap and collector options among {@code running}, with the launcher's defaults for what they leave unset. */
    public static List<String> options(List<String> running) {
        List<String> kept = new ArrayList<>();
        boolean heap = false;
        boolean gc = false;
        for (String arg : running) {
            if (setsHeap(arg)) {
                heap = true;
                kept.add(arg);
            } else if (setsCollector(arg)) {
                gc = true;
                kept.add(arg);
            } else if (arg.startsWith("-Xms") || arg.startsWith("-Xss") || arg.startsWith("-XX:MaxMetaspaceSize")
                    || arg.startsWith("-XX:ReservedCodeCacheSize") || arg.startsWith("-XX:SoftMaxHeapSize")) {
                kept.add(arg);
            }
        }
        List<String> options = new ArrayList<>();
        if (!heap) {
            options.add(DEFAULT_HEAP);
        }
        if (!gc) {
            options.add(DEFAULT_GC);
        }
        options.addAll(kept);
        return List.copyOf(options);
    }

    /** Whether {@code arg} limits the heap: -Xmx, -XX:MaxHeapSize, or a share of the machine's memory. */
    public static boolean setsHeap(String arg) {
        return arg.startsWith("-Xmx") || arg.startsWith("-XX:MaxHeapSize=") || arg.startsWith("-XX:MaxRAMPercentage=")
                || arg.startsWith("-XX:MaxRAM=");
    }

    /** Whether {@code arg} chooses a collector ({@code -XX:+UseG1GC}, {@code -XX:+UseZGC}, ...). */
    public static boolean setsCollector(String arg) {
        return arg.startsWith("-XX:+Use") && arg.endsWith("GC");
    }

    /** The command line of a child JVM running {@code mainClass} with {@code args}, on the running JVM's class path. */
    public static List<String> command(List<String> options, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }
}
