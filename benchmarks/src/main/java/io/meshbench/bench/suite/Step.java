package io.meshbench.bench.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH run of a suite: a benchmark class, the parameter values to run it with, and how long.
 *
 * @param name         a short name, used for the step's JSON file
 * @param benchmark    simple name of the benchmark class
 * @param params       parameter name to the values to run
 * @param warmups      warm-up iterations
 * @param warmupMs     length of one warm-up iteration
 * @param iterations   measured iterations
 * @param iterationMs  length of one measured iteration
 */
public record Step(String name, String benchmark, Map<String, List<String>> params, int warmups, int warmupMs,
                   int iterations, int iterationMs) {

    public Step {
        params = new LinkedHashMap<>(params);
    }

    /** Runs of this step: one per benchmark method and combination of parameters. */
    int runs(int methods) {
        int n = methods;
        for (List<String> values : params.values()) {
            n *= values.size();
        }
        return n;
    }
}
