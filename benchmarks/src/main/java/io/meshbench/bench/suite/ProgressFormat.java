package io.meshbench.bench.suite;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.IOException;
import java.util.Collection;

/**
 * JMH's own output, written to the run's log, with a tick to the suite's listener at the end of
 * every iteration, so that a progress bar moves while JMH runs.
 */
final class ProgressFormat implements OutputFormat {

    interface Tick {
        void iterationDone(String label);
    }

    private final OutputFormat log;
    private final Tick tick;
    private String label = "";
    private boolean failing;
    /** Benchmark label to the first line of what it threw, in the order JMH reported them. */
    private final java.util.Map<String, String> failures = new java.util.LinkedHashMap<>();
    private String forkExit;

    ProgressFormat(OutputFormat log, Tick tick) {
        this.log = log;
        this.tick = tick;
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
        tick.iterationDone(label);
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
        String method = benchParams.getBenchmark();
        label = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1)
                + benchParams.getParamsKeys().stream().map(k -> " " + k + "=" + benchParams.getParam(k))
                .reduce("", String::concat);
        log.startBenchmark(benchParams);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        log.endBenchmark(result);
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
        if (s == null) {
            return;
        }
        if (s.strip().equals("<failure>")) {
            failing = true; // JMH's next lines hold the exception, a blank line first
        } else if (failing && !s.isBlank()) {
            failing = false;
            failures.putIfAbsent(label, reason(s));
        } else if (s.startsWith("WARNING: Forked process returned code")) {
            forkExit = s.substring("WARNING: ".length()).strip();
        }
    }

    /** The benchmarks that failed in this run (label: {@code Class.method name=value ...}) and why. */
    java.util.Map<String, String> failures() {
        return failures;
    }

    /** The label of the benchmark running last. */
    String label() {
        return label;
    }

    /** What JMH said when a fork ended badly ({@code Forked process returned code: 1}), or null. */
    String forkExit() {
        return forkExit;
    }

    /**
     * The first line of a stack trace as JMH prints it, or the first "Caused by" line when the first is a
     * wrapper that says nothing of its own.
     */
    static String reason(String trace) {
        String[] lines = trace.strip().split("\\R");
        String first = lines[0].strip();
        boolean wrapper = first.startsWith("java.lang.reflect.InvocationTargetException")
                || first.startsWith("java.util.concurrent.ExecutionException")
                || first.startsWith("java.util.concurrent.CompletionException");
        if (wrapper) {
            for (String line : lines) {
                if (line.strip().startsWith("Caused by: ")) {
                    return line.strip().substring("Caused by: ".length());
                }
            }
        }
        return first;
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public void close() {
        log.flush();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }
}
