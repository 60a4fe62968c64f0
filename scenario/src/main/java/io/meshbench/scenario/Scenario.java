package io.meshbench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A scripted mesh: its devices, network, workload, faults over time, strategy, length, and what
 * must hold at the end. Read from YAML by {@link ScenarioReader}; the format is documented in
 * {@code scenarios/README.md} and described for editors by {@code scenarios/scenario.schema.json}.
 *
 * @param name         short name, shown in reports
 * @param description  what the scenario is about
 * @param seed         the root seed of every random stream
 * @param mode         virtual time or live TCP
 * @param duration     how long the run lasts (virtual or wall time)
 * @param network      latency, jitter, loss (virtual mode)
 * @param orchestrator timeouts, strategy and fan-out of every orchestrator
 * @param devices      device groups, in order
 * @param meshSize     devices per mesh (each mesh has its own orchestrator); 0 for one mesh of all
 * @param workload     prompts and their arrival, per orchestrator
 * @param faults       what goes wrong, and when
 * @param expectations what must hold at the end
 */
public record Scenario(String name, String description, long seed, Mode mode, Duration duration, Network network,
                       OrchestratorSpec orchestrator, List<DeviceGroup> devices, int meshSize, Workload workload,
                       List<Fault> faults, List<Expectation> expectations) {

    public Scenario {
        devices = List.copyOf(devices);
        faults = List.copyOf(faults);
        expectations = List.copyOf(expectations);
    }

    /** How a scenario runs. */
    public enum Mode { VIRTUAL, LIVE }

    /** One-way latency, its jitter, and the chance that a message is lost. */
    public record Network(Duration latency, Duration jitter, double loss) {
    }

    /**
     * @param id            the orchestrator's id (with several meshes, a number is appended)
     * @param strategy      selection strategy name
     * @param bidTimeout    wait for bids
     * @param resultTimeout wait for a result
     * @param fanout        peers asked per auction, chosen at random from the mesh; 0 asks all
     */
    public record OrchestratorSpec(String id, String strategy, Duration bidTimeout, Duration resultTimeout, int fanout) {
    }

    /**
     * One or more alike devices.
     *
     * @param id            the device id, or the prefix of {@code count} ids ({@code id_0001}, ...)
     * @param count         how many
     * @param npu           whether they have an NPU
     * @param metrics       metric source plugin
     * @param metricsConfig its settings
     * @param slm           SLM engine plugin
     * @param slmConfig     its settings
     * @param maxTasks      tasks each runs at once
     * @param sampleInterval how often each samples its metrics
     */
    public record DeviceGroup(String id, int count, boolean npu, String metrics, Map<String, Object> metricsConfig,
                              String slm, Map<String, Object> slmConfig, int maxTasks, Duration sampleInterval) {
        public DeviceGroup {
            metricsConfig = Map.copyOf(metricsConfig);
            slmConfig = Map.copyOf(slmConfig);
        }

        /** The ids of the devices of this group. */
        public List<String> ids() {
            if (count == 1) {
                return List.of(id);
            }
            int width = Math.max(4, String.valueOf(count).length());
            String format = "%s_%0" + width + "d";
            return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> String.format(format, id, i)).toList();
        }
    }

    /**
     * Prompts, per orchestrator.
     *
     * @param arrival   when prompts arrive
     * @param tasks     prompts per orchestrator, at most (0: until the end of the run)
     * @param start     when the first may arrive
     * @param prompts   prompts used in turn
     * @param npuPrompt variant for an NPU winner, {@code {prompt}} standing for the prompt; null for the prompt
     * @param cpuPrompt variant for a CPU winner, likewise
     */
    public record Workload(Arrival arrival, long tasks, Duration start, List<String> prompts, String npuPrompt,
                           String cpuPrompt) {
        public Workload {
            prompts = List.copyOf(prompts);
        }
    }

    /**
     * @param process   {@code fixed} (evenly spaced), {@code poisson} (exponential gaps) or
     *                  {@code bursts} ({@code burstSize} prompts at once every {@code burstEvery})
     * @param rate      prompts a second, for fixed and poisson
     * @param burstSize prompts in a burst
     * @param burstEvery time between bursts
     */
    public record Arrival(String process, double rate, int burstSize, Duration burstEvery) {
    }

    /** Something that happens to the mesh at a time: one record per action, switched on exhaustively. */
    public sealed interface Fault {
        /** When, from the start of the run. */
        Duration at();

        /** The action's key in the scenario file. */
        String action();

        /** The device the fault happens to, or null for the network's faults. */
        default String device() {
            return null;
        }

        /** The device goes down, as with kill -9. */
        record Kill(Duration at, String device) implements Fault {
            public String action() {
                return "kill";
            }
        }

        /** A killed device comes back with its configuration. */
        record Revive(Duration at, String device) implements Fault {
            public String action() {
                return "revive";
            }
        }

        /** The device's model runs {@code factor} times slower. */
        record Slow(Duration at, String device, double factor) implements Fault {
            public String action() {
                return "slow";
            }
        }

        /** The device's battery is set to {@code level} percent. */
        record Battery(Duration at, String device, int level) implements Fault {
            public String action() {
                return "battery";
            }
        }

        /** The groups can no longer reach one another (virtual mode). */
        record Partition(Duration at, List<List<String>> groups) implements Fault {
            public Partition {
                groups = groups.stream().map(List::copyOf).toList();
            }

            public String action() {
                return "partition";
            }
        }

        /** Every partition ends. */
        record Heal(Duration at) implements Fault {
            public String action() {
                return "heal";
            }
        }
    }

    /** A condition checked at the end of the run; {@code written} is the bound as the file gives it. */
    public sealed interface Expectation {
        /** The expectation's key in the scenario file. */
        String kind();

        /** The bound, as written. */
        String written();

        /** {@code all_tasks_complete: true}: nothing failed or left unfinished (false checks nothing). */
        record AllTasksComplete(String written, boolean required) implements Expectation {
            public String kind() {
                return "all_tasks_complete";
            }
        }

        /** {@code max_failures: N}. */
        record MaxFailures(String written, long max) implements Expectation {
            public String kind() {
                return "max_failures";
            }
        }

        /** {@code min_battery_above: PERCENT}: every device's lowest battery stays above. */
        record MinBatteryAbove(String written, int percent) implements Expectation {
            public String kind() {
                return "min_battery_above";
            }
        }

        /** {@code npu_share_at_least: FRACTION} of completed tasks ran on an NPU. */
        record NpuShareAtLeast(String written, double share) implements Expectation {
            public String kind() {
                return "npu_share_at_least";
            }
        }

        /** {@code pNN_latency_below: DURATION}: the NNth percentile of task latency. */
        record LatencyBelow(String written, int percentile, Duration bound) implements Expectation {
            public String kind() {
                return "p" + percentile + "_latency_below";
            }
        }
    }
}
