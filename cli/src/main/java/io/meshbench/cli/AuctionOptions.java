package io.meshbench.cli;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.plugin.api.SelectionStrategy;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The orchestrator's options, shared by {@code demo} and {@code orchestrate}. */
final class AuctionOptions {

    @Option(names = "--bid-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for bids when not every peer answers (default: ${DEFAULT-VALUE}, as the original design).")
    double bidTimeout;

    @Option(names = "--result-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the winner's RESULT (default: ${DEFAULT-VALUE}).")
    double resultTimeout;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "npu-first",
            description = "Selection strategy (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--npu-prompt", paramLabel = "TEXT", description = "Prompt sent when the winner has an NPU; {prompt} stands for the prompt typed "
                    + "(e.g. \"[NPU Optimized] {prompt}\"). Default: the prompt.")
    String npuPrompt;

    @Option(names = "--cpu-prompt", paramLabel = "TEXT", description = "Prompt sent when the winner has no NPU; {prompt} as for --npu-prompt. Default: the prompt.")
    String cpuPrompt;

    @Option(names = "--json", description = "Print each task's end as one JSON line, and nothing else.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Also print every wire line sent and received.")
    boolean verbose;

    /** The request for {@code prompt}, with the NPU and CPU variants filled in. */
    PromptRequest request(String prompt) {
        return new PromptRequest(prompt, fill(npuPrompt, prompt), fill(cpuPrompt, prompt));
    }

    private static String fill(String template, String prompt) {
        return template == null ? null : template.replace("{prompt}", prompt);
    }

    Orchestrator orchestrator(PluginRegistry plugins) {
        return new Orchestrator(new Orchestrator.Settings(seconds("--bid-timeout", bidTimeout, true),
                seconds("--result-timeout", resultTimeout, false)), strategy(plugins));
    }

    SelectionStrategy strategy(PluginRegistry plugins) {
        return plugins.strategy(strategy);
    }

    private static Duration seconds(String option, double value, boolean zeroAllowed) {
        if (!Double.isFinite(value) || value < 0 || (!zeroAllowed && value == 0)) {
            throw new IllegalArgumentException(option + " must be a " + (zeroAllowed ? "" : "positive ")
                    + "number of seconds, got " + value);
        }
        return Duration.ofNanos((long) (value * 1e9));
    }
}
