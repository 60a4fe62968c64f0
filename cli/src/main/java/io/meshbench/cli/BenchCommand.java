package io.meshbench.cli;

import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.BenchSuite;
import io.meshbench.bench.suite.Failure;
import io.meshbench.bench.suite.Comparison;
import io.meshbench.bench.suite.ComparisonText;
import io.meshbench.bench.suite.Reports;
import io.meshbench.bench.suite.SummaryFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code meshbench bench}: the JMH suite and the load generator, ours beside the seed's way, with plots. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks protocol overhead and selection latency with JMH (codec, selection, auction and task "
                + "round trips in virtual time, on loopback, across processes, and the seed's shell agents through netcat "
                + "with and without its 500 ms CPU window), then finds the auction and full-task rates sustained at p99 under 10 ms "
                + "(each rate run several times).",
                "A benchmark that fails is named in the summary while the others are kept; the exit status is then 1.",
                "Writes jmh.json, summary.md, summary.json, report.html (plots) and jmh.log to --out, and prints the summary.",
                "--compare OLD_DIR compares the run with an earlier one; --compare OLD_DIR NEW_DIR compares two earlier "
                        + "runs without running anything; --window opens the Benchmarks panel instead."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--suite", defaultValue = "quick", paramLabel = "quick|full|scale",
            description = "quick (a few minutes), full (about 20 minutes on 2 cores; the numbers of BENCHMARKS.md), or scale (the "
                    + "scale scenarios scale-10k, one-mesh-10k, phones-100k and chaos-10k, each in a JVM of its own: wall "
                    + "time, events/s, peak RSS, heap per phone). Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--peers", paramLabel = "FILE",
            description = "Also measure round trips against the mesh of this peers file (already running); the orchestrator "
                    + "takes its first entry's id and port.")
    Path peers;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--compare", arity = "1..2", paramLabel = "DIR",
            description = "OLD_DIR: run, then compare with the results in OLD_DIR (an earlier --out). "
                    + "OLD_DIR NEW_DIR: compare two results folders, running nothing.")
    List<Path> compare;

    @Option(names = "--window", description = "Open the Benchmarks panel (run, progress, tables, plots, comparison) "
            + "in a window, with --out's results and --compare's folder loaded.")
    boolean window;

    @Override
    public Integer call() throws Exception {
        BenchSuite.Size size = switch (suite.toLowerCase(Locale.ROOT)) {
            case "quick" -> BenchSuite.Size.QUICK;
            case "full" -> BenchSuite.Size.FULL;
            case "smoke" -> BenchSuite.Size.SMOKE;
            case "scale" -> BenchSuite.Size.SCALE;
            default -> throw new IllegalArgumentException("--suite " + suite + " is not a suite: give quick, full or scale");
        };
        if (peers != null && !Files.isReadable(peers)) {
            throw new IllegalArgumentException("--peers " + peers + " cannot be read: give a peers file, one DEVICE_ID HOST PORT a line");
        }
        if (window) {
            return io.meshbench.cli.window.Windows.require("bench --window").bench(out, compare == null ? null : compare.get(0), System.err);
        }
        // Read the earlier run first: a wrong folder is said at once, not after minutes of benchmarks.
        BenchResults earlier = compare == null ? null : SummaryFile.read(compare.get(0));
        if (compare != null && compare.size() == 2) {
            System.out.print(ComparisonText.markdown(Comparison.of(earlier, SummaryFile.read(compare.get(1))),
                    compare.get(0).toString(), compare.get(1).toString()));
            return 0;
        }
        if (peers != null && size == BenchSuite.Size.SCALE) {
            throw new IllegalArgumentException("--peers measures a running mesh; the scale suite runs virtual-time "
                    + "scenarios only: give --peers with --suite quick or full");
        }
        System.err.println("meshbench: running the " + suite + " suite; " + (size == BenchSuite.Size.SCALE
                ? "each scenario's own output goes to " + out.resolve("scale-NAME.log")
                : "JMH's own output goes to " + out.resolve("jmh.log")));
        ProgressBar bar = new ProgressBar(System.err, "bench");
        String[] last = {""};
        BenchResults results = BenchSuite.run(new BenchSuite.Request(size, peers, out), new BenchSuite.Listener() {
            @Override
            public void progress(double fraction, String what) {
                bar.accept(fraction);
                if (!PromptSession.interactive() && !what.equals(last[0]) && !what.contains("=")) {
                    System.err.println("meshbench: " + what); // without a terminal: one line per step, not a bar
                }
                last[0] = what;
            }

            @Override
            public void failed(Failure f) {
                bar.println("meshbench: failed: " + f.step() + ": " + f.benchmark() + ": " + f.reason()
                        + " (the other benchmarks go on)");
            }
        });
        bar.done();
        System.out.print(Reports.markdown(results));
        System.out.println();
        System.out.println("Plots:   " + out.resolve("report.html").toAbsolutePath());
        System.out.println("Data:    jmh.json, summary.json, summary.md in " + out.toAbsolutePath());
        if (earlier != null) {
            System.out.println();
            System.out.print(ComparisonText.markdown(Comparison.of(earlier, results), compare.get(0).toString(),
                    out.toString()));
        }
        if (!results.failures().isEmpty()) {
            // everything is written by now; the exit status tells a script that the run is not whole
            System.err.println("meshbench: " + results.failures().size() + " benchmark(s) failed, the others' results are in "
                    + out.toAbsolutePath() + ":");
            results.failures().forEach(f -> System.err.println("  " + f.step() + ": " + f.benchmark() + ": " + f.reason()));
            return 1;
        }
        return 0;
    }
}
