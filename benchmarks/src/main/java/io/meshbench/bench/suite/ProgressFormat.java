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
