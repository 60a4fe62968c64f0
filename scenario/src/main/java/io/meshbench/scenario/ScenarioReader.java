package io.meshbench.scenario;

import io.meshbench.protocol.DeviceId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a scenario file; every error names the file, line, column and field, and what is allowed. */
public final class ScenarioReader {

    private static final Set<String> TOP = Set.of("name", "description", "seed", "mode", "duration", "network",
            "orchestrator", "devices", "mesh_size", "workload", "faults", "expect");
    private static final Set<String> NETWORK = Set.of("latency", "jitter", "loss");
    private static final Set<String> ORCHESTRATOR = Set.of("id", "strategy", "bid_timeout", "result_timeout", "fanout");
    private static final Set<String> DEVICE = Set.of("id", "count", "npu", "profile", "cpu_load", "ram_load", "battery",
            "metrics", "slm", "max_tasks", "sample_interval");
    private static final Set<String> WORKLOAD = Set.of("arrival", "rate", "tasks", "start", "prompts", "npu_prompt",
            "cpu_prompt", "burst_size", "burst_every");
    private static final Set<String> FAULT = Set.of("at", "kill", "revive", "slow", "factor", "battery", "to",
            "partition", "heal");
    private static final Set<String> FAULT_ACTIONS = Set.of("kill", "revive", "slow", "battery", "partition", "heal");
    private static final Set<String> EXPECT = Set.of("all_tasks_complete", "max_failures", "p50_latency_below",
            "p95_latency_below", "p99_latency_below", "min_battery_above", "npu_share_at_least");

    private ScenarioReader() {
    }

    public static Scenario read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file.toString(), 0, 0, "", "no such file; the shipped scenarios are in scenarios/");
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 0, 0, "", "cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static Scenario parse(String text, String source) {
        YamlNode root = YamlNode.parse(text, source).only(TOP);
        String name = root.get("name").string(source);
        long seed = root.get("seed").integer(1, Long.MIN_VALUE, Long.MAX_VALUE);
        Scenario.Mode mode = Scenario.Mode.valueOf(root.get("mode").choice("virtual", Set.of("virtual", "live"))
                .toUpperCase());
        Duration duration = positive(root.require("duration"), null);

        YamlNode net = root.get("network").only(NETWORK);
        Scenario.Network network = new Scenario.Network(net.get("latency").duration(Duration.ofMillis(2)),
                net.get("jitter").duration(Duration.ofMillis(1)), net.get("loss").number(0, 0, 1));

        YamlNode orc = root.get("orchestrator").only(ORCHESTRATOR);
        Scenario.OrchestratorSpec orchestrator = new Scenario.OrchestratorSpec(
                deviceId(orc.get("id"), "Device_A"), orc.get("strategy").string("npu-first"),
                orc.get("bid_timeout").duration(Duration.ofSeconds(10)),
                positive(orc.get("result_timeout"), Duration.ofSeconds(300)),
                (int) orc.get("fanout").integer(0, 0, 1_000_000));

        List<Scenario.DeviceGroup> devices = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode d : root.require("devices").list()) {
            Scenario.DeviceGroup group = device(d.only(DEVICE));
            for (String id : group.ids()) {
                if (!ids.add(id)) {
                    throw d.get("id").error("device " + id + " is listed twice");
                }
            }
            devices.add(group);
        }
        if (devices.isEmpty()) {
            throw root.get("devices").error("needs at least one device");
        }
        int meshSize = (int) root.get("mesh_size").integer(0, 0, 1_000_000);

        Scenario.Workload workload = workload(root.get("workload").only(WORKLOAD));

        Set<String> nodes = new HashSet<>(ids);
        nodes.addAll(MeshPlan.orchestratorIds(orchestrator.id(), ids.size(), meshSize));
        List<Scenario.Fault> faults = new ArrayList<>();
        for (YamlNode f : root.get("faults").list()) {
            faults.add(fault(f.only(FAULT), ids, nodes));
        }
        List<Scenario.Expectation> expectations = new ArrayList<>();
        YamlNode expect = root.get("expect").only(EXPECT);
        for (String kind : EXPECT.stream().sorted().toList()) {
            YamlNode e = expect.get(kind);
            if (e.present()) {
                expectations.add(expectation(kind, e));
            }
        }
        return new Scenario(name, root.get("description").string(""), seed, mode, duration, network, orchestrator,
                devices, meshSize, workload, faults, expectations);
    }

    private static Scenario.DeviceGroup device(YamlNode d) {
        String id = deviceId(d.require("id"), null);
        int count = (int) d.get("count").integer(1, 1, 1_000_000);
        Map<String, Object> metricsConfig = new LinkedHashMap<>();
        Map<String, Object> slmConfig = new LinkedHashMap<>();
        String metrics = plugin(d.get("metrics"), "source", metricsConfig);
        String slm = plugin(d.get("slm"), "engine", slmConfig);
        String profile = d.get("profile").string(null);
        if (profile != null) {
            metricsConfig.putIfAbsent("profile", profile);
            slmConfig.putIfAbsent("profile", profile);
        }
        putNumber(metricsConfig, "cpu_load", d.get("cpu_load"), 0, 1);
        putNumber(metricsConfig, "ram_load", d.get("ram_load"), 0, 1);
        putNumber(metricsConfig, "battery", d.get("battery"), 0, 100);
        return new Scenario.DeviceGroup(id, count, d.get("npu").bool(false), metrics, metricsConfig, slm, slmConfig,
                (int) d.get("max_tasks").integer(4, 1, 10_000), positive(d.get("sample_interval"), Duration.ofMillis(500)));
    }

    private static String plugin(YamlNode node, String nameField, Map<String, Object> config) {
        if (!node.present()) {
            return "simulated";
        }
        Object plain = node.plain();
        if (plain instanceof String name) {
            return name;
        }
        Map<String, Object> settings = new LinkedHashMap<>(node.plainMap());
        Object name = settings.remove(nameField);
        config.putAll(settings);
        return name == null ? "simulated" : name.toString();
    }

    private static void putNumber(Map<String, Object> config, String key, YamlNode node, double min, double max) {
        if (node.present()) {
            config.put(key, node.number(0, min, max));
        }
    }

    private static Scenario.Workload workload(YamlNode w) {
        String process = w.get("arrival").choice("fixed", Set.of("fixed", "poisson", "bursts"));
        double rate = w.get("rate").rate(1.0);
        int burstSize = (int) w.get("burst_size").integer(10, 1, 1_000_000);
        Duration burstEvery = positive(w.get("burst_every"), Duration.ofSeconds(10));
        List<String> prompts = new ArrayList<>();
        for (YamlNode p : w.get("prompts").list()) {
            prompts.add(p.string());
        }
        if (prompts.isEmpty()) {
            prompts.add("Describe a beautiful sunset over the ocean");
        }
        return new Scenario.Workload(new Scenario.Arrival(process, rate, burstSize, burstEvery),
                w.get("tasks").integer(0, 0, Long.MAX_VALUE), w.get("start").duration(Duration.ofSeconds(1)), prompts,
                w.get("npu_prompt").string(null), w.get("cpu_prompt").string(null));
    }

    private static Scenario.Fault fault(YamlNode f, Set<String> devices, Set<String> nodes) {
        Duration at = f.require("at").duration(null);
        List<String> actions = FAULT_ACTIONS.stream().filter(a -> f.get(a).present()).sorted().toList();
        if (actions.size() != 1) {
            throw f.error("a fault needs exactly one of: kill, revive, slow, battery, partition, heal"
                    + (actions.isEmpty() ? "" : "; found " + String.join(", ", actions)));
        }
        String action = actions.getFirst();
        return switch (action) {
            case "kill" -> new Scenario.Fault.Kill(at, known(f.get(action), devices));
            case "revive" -> new Scenario.Fault.Revive(at, known(f.get(action), devices));
            case "slow" -> new Scenario.Fault.Slow(at, known(f.get(action), devices), f.get("factor").number(2, 1, 1000));
            case "battery" -> new Scenario.Fault.Battery(at, known(f.get(action), devices),
                    (int) f.require("to").integer(0, 0, 100));
            case "partition" -> {
                List<List<String>> groups = new ArrayList<>();
                for (YamlNode g : f.get("partition").list()) {
                    List<String> group = new ArrayList<>();
                    for (YamlNode member : g.list()) {
                        group.add(known(member, nodes));
                    }
                    groups.add(group);
                }
                if (groups.size() < 2) {
                    throw f.get("partition").error("needs at least two groups, e.g. [[Device_A, Device_B], [Device_C]]");
                }
                yield new Scenario.Fault.Partition(at, groups);
            }
            case "heal" -> new Scenario.Fault.Heal(at);
            default -> throw new IllegalStateException("FAULT_ACTIONS has " + action + " but the reader does not");
        };
    }

    private static String known(YamlNode node, Set<String> devices) {
        String id = node.string();
        if (!devices.contains(id)) {
            throw node.error("no device named \"" + id + "\" in this scenario (an orchestrator can only be partitioned)");
        }
        return id;
    }

    private static Scenario.Expectation expectation(String kind, YamlNode e) {
        String raw = e.string();
        return switch (kind) {
            case "all_tasks_complete" -> new Scenario.Expectation.AllTasksComplete(raw, e.bool(true));
            case "max_failures" -> new Scenario.Expectation.MaxFailures(raw, e.integer(0, 0, Long.MAX_VALUE));
            case "min_battery_above" -> new Scenario.Expectation.MinBatteryAbove(raw, (int) e.integer(0, 0, 100));
            case "npu_share_at_least" -> new Scenario.Expectation.NpuShareAtLeast(raw, e.number(0, 0, 1));
            case "p50_latency_below", "p95_latency_below", "p99_latency_below" -> new Scenario.Expectation.LatencyBelow(
                    raw, Integer.parseInt(kind.substring(1, 3)), e.duration(null));
            default -> throw new IllegalStateException("EXPECT has " + kind + " but the reader does not");
        };
    }

    private static String deviceId(YamlNode node, String fallback) {
        String id = node.string(fallback);
        try {
            return DeviceId.check("id", id);
        } catch (IllegalArgumentException ex) {
            throw node.error(ex.getMessage());
        }
    }

    private static Duration positive(YamlNode node, Duration fallback) {
        Duration d = node.duration(fallback);
        if (d == null) {
            throw node.error("is required");
        }
        if (d.isZero() || d.isNegative()) {
            throw node.error("must be longer than zero");
        }
        return d;
    }
}
