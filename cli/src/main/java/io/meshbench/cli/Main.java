package io.meshbench.cli;

import picocli.CommandLine;

/** The one launcher of MeshBench. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 a task or check failed, 2 bad usage or input). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new MeshBenchCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("meshbench: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (System.getenv("MESHBENCH_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            } else if (!(e instanceof IllegalArgumentException) && !(e instanceof IllegalStateException)
                    && !(e instanceof java.io.IOException) && !(e instanceof io.meshbench.adb.AdbException)
                    && !(e instanceof io.meshbench.scenario.ScenarioException)
                    && !(e instanceof io.meshbench.history.HistoryException)) {
                cmd.getErr().println("(set MESHBENCH_DEBUG=1 to see where)");
            }
            return 2;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println(outOfMemory());
            return 2;
        }
    }

    /** What to do when the heap ran out: the launcher's default limit fits the shipped scenarios, not every run. */
    static String outOfMemory() {
        return "meshbench: out of memory: the run needs more heap than this JVM's limit of "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB; give it more, e.g. MESHBENCH_JAVA_OPTS=-Xmx2g ./meshbench ... "
                + "(docs/commands.md, Environment)";
    }
}
