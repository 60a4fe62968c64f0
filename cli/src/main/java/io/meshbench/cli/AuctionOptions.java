package io.meshbench.cli;

import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.auction.RetryPolicy;
import io.meshbench.health.LivenessSettings;
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

    @Option(names = "--heartbeat", paramLabel = "MS", defaultValue = "500",
            description = "Heartbeat interval to peers that speak protocol v1; a dead winner is found in about three "
                    + "intervals (default: ${DEFAULT-VALUE}).")
    long heartbeatMillis;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "4",
            description = "TASKs sent per prompt at most: the first and its retries on other devices (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--no-failover", description = "The original design's behaviour: no heartbeats, no retries but "
            + "to the next bidder when the winner refuses, a flat --result-timeout.")
    boolean noFailover;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "npu-first",
            description = "Selection strategy (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--npu-prompt", paramLabel = "TEXT", description = "Prompt sent when the winner has an NPU; {prompt} stands for the prompt typed "
                    + "(e.g. \"[NPU Optimized] {prompt}\"). Default: the prompt.")
    String npuPrompt;

    @Option(names = "--cpu-prompt", paramLabel = "TEXT", description = "Prompt sent when the winner has no NPU; {prompt} as for --npu-prompt. Default: the prompt.")
    String cpuPrompt;

    @Option(names = "--priority", paramLabel = "LEVEL", defaultValue = "normal",
            description = "Priority of the prompts: high, normal or low (default: ${DEFAULT-VALUE}). When every device is "
                    + "full, tasks wait in the orchestrator's queue and are served by priority, a waiting task rising one "
                    + "level every 10 s. In the prompt loop, /priority LEVEL changes it.")
    String priority;

    @Option(names = "--deadline", paramLabel = "SECONDS",
            description = "Each prompt must end within this many seconds of being typed, or it fails with that reason "
                    + "(default: none). In the prompt loop, /deadline SECONDS or /deadline off changes it.")
    Double deadline;

    @Option(names = "--json", description = "Print each task's end as one JSON line, and nothing else.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Also print every wire line sent and received.")
    boolean verbose;

    /** The request for {@code prompt}, with the NPU and CPU variants filled in, its priority and deadline. */
    PromptRequest request(String prompt) {
        return new PromptRequest(prompt, fill(npuPrompt, prompt), fill(cpuPrompt, prompt), priority(),
                deadline == null ? null : seconds("--deadline", deadline, false));
    }

    /** The priority of --priority; a wrong one is refused with the levels there are. */
    io.meshbench.schedule.Priority priority() {
        try {
            return io.meshbench.schedule.Priority.parse(priority);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--priority: " + e.getMessage());
        }
    }

    private static String fill(String template, String prompt) {
        return template == null ? null : template.replace("{prompt}", prompt);
    }

    Orchestrator orchestrator(PluginRegistry plugins) {
        request("check"); // a wrong --priority or --deadline is refused before the mesh starts
        return new Orchestrator(settings(), strategy(plugins));
    }

    Orchestrator.Settings settings() {
        Orchestrator.Settings seed = new Orchestrator.Settings(seconds("--bid-timeout", bidTimeout, true),
                seconds("--result-timeout", resultTimeout, false));
        if (noFailover) {
            return seed;
        }
        if (heartbeatMillis < 10 || heartbeatMillis > 600_000) {
            throw new IllegalArgumentException("--heartbeat must be from 10 to 600000 milliseconds, got " + heartbeatMillis);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("--max-attempts must be 1 or more, got " + maxAttempts);
        }
        return seed.withFailover(LivenessSettings.DEFAULT.withHeartbeat(Duration.ofMillis(heartbeatMillis)),
                RetryPolicy.DEFAULT.withMaxAttempts(maxAttempts));
    }

    SelectionStrategy strategy(PluginRegistry plugins) {
        return plugins.strategy(strategy);
    }

    static Duration seconds(String option, double value, boolean zeroAllowed) {
        if (!Double.isFinite(value) || value < 0 || (!zeroAllowed && value == 0)) {
            throw new IllegalArgumentException(option + " must be a " + (zeroAllowed ? "" : "positive ")
                    + "number of seconds, got " + value);
        }
        return Duration.ofNanos((long) (value * 1e9));
    }
}
