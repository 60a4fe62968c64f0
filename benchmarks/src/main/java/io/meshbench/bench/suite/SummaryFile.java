package io.meshbench.bench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a suite's results back from the {@code summary.json} a run wrote, so that a run can be compared
 * with an earlier one (the {@code bench --compare} command, the window's Benchmarks panel). Every failure
 * is an {@link IOException} whose message names the folder or file and says what to give instead.
 */
public final class SummaryFile {

    /** The file in a results folder that holds the numbers. */
    public static final String NAME = "summary.json";

    // Newer suites may add fields: an older reader still shows what it knows.
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SummaryFile() {
    }

    /** The summary file of {@code path}: the folder's {@code summary.json}, or {@code path} itself when it is a file. */
    public static Path locate(Path path) {
        return Files.isDirectory(path) ? path.resolve(NAME) : path;
    }

    /** The results in {@code path}: a folder a bench run wrote (its {@code --out}), or its {@code summary.json}. */
    public static BenchResults read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException(path + ": no such folder; give the folder a bench run wrote (its --out, "
                    + "bench-results by default)");
        }
        Path file = locate(path);
        if (!Files.isRegularFile(file)) {
            throw new IOException(path + " holds no " + NAME + ": give the folder a bench run wrote (its --out), "
                    + "with jmh.json, summary.json and report.html in it");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + " cannot be read (permissions)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not JSON (" + firstLine(e.getOriginalMessage()) + " at line "
                    + e.getLocation().getLineNr() + "); was the run cut short? Run the suite again", e);
        }
        JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isObject() || !results.path("rows").isArray()) {
            throw new IOException(file + " is not a MeshBench benchmark summary (no \"results\" with \"rows\"); "
                    + "give the summary.json that `meshbench bench` wrote");
        }
        olderFields((com.fasterxml.jackson.databind.node.ObjectNode) results);
        try {
            BenchResults read = JSON.treeToValue(results, BenchResults.class);
            if (read.size() == null || read.machine() == null || read.rows().stream().anyMatch(r -> r.benchmark() == null
                    || r.unit() == null || r.mode() == null || r.params() == null)) {
                throw new IOException(file + " lacks the suite's size, its machine, or a row's benchmark, mode, unit "
                        + "or parameters; give the summary.json that `meshbench bench` wrote");
            }
            return read;
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a MeshBench benchmark summary: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    /**
     * Fills the numbers older suites did not write (confidence bounds, probes of other work, the suite's
     * duration) with NaN, "not recorded": left out, they would read as 0.
     */
    private static void olderFields(com.fasterxml.jackson.databind.node.ObjectNode results) {
        for (String field : java.util.List.of("othersBefore", "othersAfter", "seconds")) {
            if (!results.has(field)) {
                results.put(field, Double.NaN);
            }
        }
        for (JsonNode row : results.path("rows")) {
            if (row instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                for (String field : java.util.List.of("p50Low", "p50High", "p99Low", "p99High", "othersBefore", "othersAfter")) {
                    if (!o.has(field)) {
                        o.put(field, Double.NaN);
                    }
                }
            }
        }
        JsonNode load = results.path("load");
        if (load instanceof com.fasterxml.jackson.databind.node.ObjectNode o && !o.has("repeats")) {
            o.put("repeats", 1);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
