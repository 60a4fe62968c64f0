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
                    && !(e instanceof io.meshbench.scenario.ScenarioException)) {
                cmd.getErr().println("(set MESHBENCH_DEBUG=1 to see where)");
            }
            return 2;
        });
        return cli.execute(args);
    }
}
