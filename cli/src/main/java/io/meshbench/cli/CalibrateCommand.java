package io.meshbench.cli;

import io.meshbench.calibrate.Calibrator;
import io.meshbench.calibrate.ProfileWriter;
import io.meshbench.calibrate.WallClockContext;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmEngineProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code meshbench calibrate}: an engine's measured speed, written as a simulated device profile. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measures an SLM engine's first-token latency, prefill and decode rates over several prompt "
                + "lengths, and writes a simulated device profile from them (with where the numbers came from), so "
                + "that virtual-time runs use measured numbers.",
                "  meshbench calibrate --engine llama --model qwen2.5-0.5b-instruct-q4_k_m.gguf --out laptop.properties",
                "  meshbench calibrate --engine openai --model tiny --engine-option url=http://127.0.0.1:8080/v1"})
final class CalibrateCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engine;

    @Mixin
    PluginOptions pluginOptions;

    @Option(names = "--prompt-words", split = ",", paramLabel = "N,N,...", defaultValue = "16,64,256",
            description = "Prompt lengths to measure, in words (default ${DEFAULT-VALUE}).")
    List<Integer> promptWords;

    @Option(names = "--tokens", paramLabel = "N", defaultValue = "64",
            description = "Tokens to generate in each run (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Runs at each prompt length (default ${DEFAULT-VALUE}), after one warm-up run.")
    int runs;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long one run may take (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The profile to write (default calibrated-ENGINE.properties).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (engine.name == null) {
            throw new IllegalArgumentException("calibrate needs --engine NAME, e.g. --engine llama --model FILE.gguf");
        }
        Calibrator.Plan plan = new Calibrator.Plan(promptWords, tokens, runs, Duration.ofSeconds(timeoutSeconds));
        PluginRegistry plugins = pluginOptions.registry(System.err);
        SlmEngineProvider provider = plugins.engine(engine.name);
        Map<String, Object> settings = engine.settings();
        settings.putIfAbsent("max_tokens", tokens);
        Path file = out != null ? out : Path.of("calibrated-" + engine.name + ".properties");
        PrintStream o = System.out;
        o.printf("Calibrating engine %s %s: prompts of %s words, %d tokens each, %d runs each%n", provider.name(),
                provider.version(), promptWords, tokens, runs);
        o.printf("%8s %8s %8s %12s %12s %12s %10s%n", "words", "prompt", "tokens", "first ms", "prefill t/s",
                "decode t/s", "total ms");
        Calibrator.Result result;
        try (WallClockContext context = new WallClockContext("calibrate", settings);
             SlmEngine slm = provider.create(context)) {
            result = Calibrator.run(slm, plan, s -> o.printf(Locale.ROOT, "%8d %8d %8d %12.1f %12.1f %12.1f %10.1f%n",
                    s.promptWords(), s.promptTokens(), s.generatedTokens(), s.firstTokenMs(), s.prefillTps(),
                    s.decodeTps(), s.totalMs()));
        }
        String command = "meshbench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ProfileWriter.write(file, ProfileWriter.render(result, plan,
                new ProfileWriter.Provenance(provider.name(), provider.version(), settings, command)));
        o.printf(Locale.ROOT, "%nprefill %.1f tokens/s, decode %.1f tokens/s, latency beyond prefill and decode %.1f ms%n",
                result.prefillTps(), result.decodeTps(), result.latencyMs());
        o.println("Profile written to " + file.toAbsolutePath());
        o.println("Use it: \"slm\": {\"engine\": \"simulated\", \"profile\": \"" + file + "\"} in a device config or a scenario");
        return 0;
    }
}
