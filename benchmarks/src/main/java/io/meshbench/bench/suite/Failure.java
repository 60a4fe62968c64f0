package io.meshbench.bench.suite;

/**
 * A benchmark of a suite that gave no result, and why: the suite goes on with the others and reports
 * this beside their results.
 *
 * @param step      the suite's step ({@code roundtrip-shell}, {@code open-loop})
 * @param benchmark the benchmark and its parameters ({@code RoundTripBenchmark.auction mesh=shell peers=3}),
 *                  or the step's benchmark class when JMH itself failed
 * @param reason    the first line of what it threw
 */
public record Failure(String step, String benchmark, String reason) {

    /** The first line of {@code text}, or {@code fallback} when there is none. */
    static String firstLine(String text, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.strip();
        int end = t.indexOf('\n');
        return (end < 0 ? t : t.substring(0, end)).strip();
    }

    /** What {@code e} says in one line: its type and message, or those of its cause when it only wraps one. */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank()
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.lang.reflect.InvocationTargetException
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof org.openjdk.jmh.runner.RunnerException)) {
            t = t.getCause();
        }
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage(), ""));
    }
}
