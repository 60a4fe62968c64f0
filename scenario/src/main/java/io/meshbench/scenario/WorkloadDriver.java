package io.meshbench.scenario;

import io.meshbench.auction.PromptRequest;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A scenario's prompts for one orchestrator, on any clock: each arrival schedules the next, so a
 * million-task run never holds more than one pending arrival per orchestrator. The virtual and the
 * live runner drive their orchestrators with it.
 */
final class WorkloadDriver {

    /** The clock and scheduler of a runner. */
    interface Timeline {
        /** Now, in the timeline's nanoseconds. */
        long now();

        /** Runs {@code action} {@code delayNanos} from now. */
        void after(long delayNanos, Runnable action);
    }

    private final Scenario.Workload workload;
    private final long endNanos;
    private final Timeline timeline;
    private final Consumer<PromptRequest> submit;
    private final Arrivals arrivals;
    private long sent;

    private WorkloadDriver(Scenario.Workload workload, long endNanos, Timeline timeline, Consumer<PromptRequest> submit,
                           Arrivals arrivals) {
        this.workload = workload;
        this.endNanos = endNanos;
        this.timeline = timeline;
        this.submit = submit;
        this.arrivals = arrivals;
    }

    /**
     * Starts the prompts of {@code orchestratorId}: from the workload's start until {@code duration}
     * has passed on the timeline, or the workload's task count is reached. The arrival gaps come
     * from a stream derived from {@code seed} and the orchestrator's id.
     */
    static void start(Scenario scenario, long seed, String orchestratorId, Timeline timeline,
                      Consumer<PromptRequest> submit) {
        Scenario.Workload workload = scenario.workload();
        Arrivals arrivals = new Arrivals(workload.arrival(),
                new SplittableRandom(seed ^ orchestratorId.hashCode() * 0x9E3779B97F4A7C15L));
        WorkloadDriver driver = new WorkloadDriver(workload, timeline.now() + scenario.duration().toNanos(), timeline,
                submit, arrivals);
        timeline.after(workload.start().toNanos() + arrivals.firstOffsetNanos(), driver::next);
    }

    private void next() {
        if (timeline.now() >= endNanos || (workload.tasks() > 0 && sent >= workload.tasks())) {
            return;
        }
        String prompt = workload.prompts().get((int) (sent % workload.prompts().size()));
        sent++;
        submit.accept(request(workload, prompt));
        timeline.after(arrivals.nextGapNanos(), this::next);
    }

    /** The prompt with its NPU and CPU variants, {@code {prompt}} filled in. */
    static PromptRequest request(Scenario.Workload workload, String prompt) {
        return new PromptRequest(prompt, fill(workload.npuPrompt(), prompt), fill(workload.cpuPrompt(), prompt));
    }

    private static String fill(String template, String prompt) {
        return template == null ? null : template.replace("{prompt}", prompt);
    }
}
