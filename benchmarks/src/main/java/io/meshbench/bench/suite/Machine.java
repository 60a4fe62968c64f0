package io.meshbench.bench.suite;

/** What the numbers were measured on. */
public record Machine(int cores, String os, String jdk, String vm) {

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"));
    }
}
