package io.meshbench.cli;

import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.BenchSuite;
import io.meshbench.bench.suite.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code meshbench bench}: the JMH suite and the load generator, ours beside the seed's way, with plots. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks protocol overhead and selection latency with JMH (codec, selection, auction and task "
                + "round trips in virtual time, on loopback, across processes, and the seed's shell agents through netcat "
                + "with and without its 500 ms CPU window), then finds the auction rate sustained at p99 under 10 ms.",
                "Writes jmh.json, summary.md, summary.json, report.html (plots) and jmh.log to --out, and prints the summary."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--suite", defaultValue = "quick", paramLabel = "quick|full",
            description = "quick (a few minutes) or full (about 10 minutes; the numbers of BENCHMARKS.md). Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--peers", paramLabel = "FILE",
            description = "Also measure round trips against the mesh of this peers file (already running); the orchestrator "
                    + "takes its first entry's id and port.")
    Path peers;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        BenchSuite.Size size = switch (suite.toLowerCase(Locale.ROOT)) {
            case "quick" -> BenchSuite.Size.QUICK;
            case "full" -> BenchSuite.Size.FULL;
            case "smoke" -> BenchSuite.Size.SMOKE;
            default -> throw new IllegalArgumentException("--suite " + suite + " is not a suite: give quick or full");
        };
        if (peers != null && !Files.isReadable(peers)) {
            throw new IllegalArgumentException("--peers " + peers + " cannot be read: give a peers file, one DEVICE_ID HOST PORT a line");
        }
        System.err.println("meshbench: running the " + suite + " suite; JMH's own output goes to " + out.resolve("jmh.log"));
        ProgressBar bar = new ProgressBar(System.err, "bench");
        String[] last = {""};
        BenchResults results = BenchSuite.run(new BenchSuite.Request(size, peers, out), (fraction, what) -> {
            bar.accept(fraction);
            if (!PromptSession.interactive() && !what.equals(last[0]) && !what.contains("=")) {
                System.err.println("meshbench: " + what); // without a terminal: one line per step, not a bar
            }
            last[0] = what;
        });
        bar.done();
        System.out.print(Reports.markdown(results));
        System.out.println();
        System.out.println("Plots:   " + out.resolve("report.html").toAbsolutePath());
        System.out.println("Data:    jmh.json, summary.json, summary.md in " + out.toAbsolutePath());
        return 0;
    }
}
