package io.meshbench.plugins.process;

import io.meshbench.plugin.api.PluginContext;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmEngineProvider;
import io.meshbench.plugin.api.SlmRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SLM engine that runs an external command per prompt, the way the original design's
 * {@code run_slm.sh} ran the model: whatever the command prints on standard output is the answer,
 * streamed as it comes; a non-zero exit code fails the task with the end of standard error.
 *
 * <p>Settings: {@code command} (required: a list of arguments, e.g. {@code ["./run_slm.sh",
 * "{prompt_file}"]}, or one string run with {@code sh -c}, in which each placeholder stands for a
 * quoted positional parameter, so that a value from the wire is never read as shell code); {@code prompt_via} ({@code "stdin"},
 * the default, or {@code "file"}: the prompt is written to a temporary file, whose path replaces
 * {@code {prompt_file}} in the arguments or, without that placeholder, is added as the last
 * argument); {@code working_dir}; {@code env} (extra environment variables);
 * {@code max_output_chars} (default 32768: a {@code RESULT} line must stay under 64 KiB);
 * {@code report} ({@code "llama.cpp"}: prompt and generated token counts and times are read from the
 * {@code llama_perf_context_print} lines llama.cpp's programs print on standard error; default
 * {@code "none"}: unknown).
 * The placeholders {@code {task_id}} and {@code {use_npu}} ({@code true}/{@code false}) work in
 * every argument, and the command also gets {@code MESHBENCH_TASK_ID}, {@code MESHBENCH_USE_NPU}
 * (1 or 0) and, with a file, {@code MESHBENCH_PROMPT_FILE} in its environment.
 *
 * <p>The task's timeout and a cancel kill the command and every process it started.
 */
public final class ProcessSlmProvider implements SlmEngineProvider {

    public static final String NAME = "process";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Runs an external command per prompt (like run_slm.sh): stdout is the answer, streamed; timeout and cancel kill its process tree.";
    }

    @Override
    public SlmEngine create(PluginContext context) {
        Settings settings = Settings.of(context);
        return new SlmEngine() {
            @Override
            public Run start(SlmRequest request, Listener listener) {
                return ProcessRun.start(context, settings, request, listener);
            }
        };
    }

    /** The checked settings of one engine. */
    record Settings(List<String> command, boolean viaFile, Path workingDir, Map<String, String> env, int maxOutput,
                    boolean llamaCppReport) {

        static Settings of(PluginContext context) {
            Object raw = context.config().get("command");
            List<String> command = new ArrayList<>();
            if (raw instanceof String s && !s.isBlank()) {
                // The values (a task id comes from the wire) go to sh as separate arguments, never
                // into the script: {task_id} becomes "$1", and so on.
                String script = s.replace("{task_id}", "\"$1\"").replace("{use_npu}", "\"$2\"")
                        .replace("{prompt_file}", "\"$3\"");
                command.addAll(List.of("sh", "-c", script, "meshbench-slm", "{task_id}", "{use_npu}", "{prompt_file}"));
            } else if (raw instanceof List<?> list && !list.isEmpty()) {
                for (Object arg : list) {
                    if (!(arg instanceof String s)) {
                        throw new IllegalArgumentException("every argument of \"command\" must be a string, got " + arg);
                    }
                    command.add(s);
                }
            } else {
                throw new IllegalArgumentException("the process engine needs \"command\": a list of arguments, e.g. "
                        + "{\"engine\": \"process\", \"command\": [\"./run_slm.sh\", \"{prompt_file}\"]}, or one shell "
                        + "command line; got " + raw);
            }
            String via = context.string("prompt_via", "stdin");
            if (!via.equals("stdin") && !via.equals("file")) {
                throw new IllegalArgumentException("prompt_via must be \"stdin\" or \"file\", got \"" + via + "\"");
            }
            String dir = context.string("working_dir", null);
            Path workingDir = dir == null ? null : Path.of(dir);
            if (workingDir != null && !Files.isDirectory(workingDir)) {
                throw new IllegalArgumentException("working_dir " + workingDir + " is not a folder");
            }
            Map<String, String> env = new LinkedHashMap<>();
            Object rawEnv = context.config().get("env");
            if (rawEnv instanceof Map<?, ?> map) {
                map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
            } else if (rawEnv != null) {
                throw new IllegalArgumentException("env must be an object of NAME: value, got " + rawEnv);
            }
            double max = context.number("max_output_chars", 32768);
            if (!(max >= 1 && max <= 1_000_000)) {
                throw new IllegalArgumentException("max_output_chars must be 1..1000000, got " + max);
            }
            String report = context.string("report", "none");
            if (!report.equals("none") && !report.equals("llama.cpp")) {
                throw new IllegalArgumentException("report must be \"llama.cpp\" (token counts and times from "
                        + "llama.cpp's own report on stderr) or \"none\", got \"" + report + "\"");
            }
            return new Settings(List.copyOf(command), via.equals("file"), workingDir, env, (int) max,
                    report.equals("llama.cpp"));
        }
    }
}
