package io.meshbench.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scenario file is read whole, or refused with its line and column, the field, and what is allowed. */
class ScenarioReaderTest {

    private static final String MINIMAL = """
            name: tiny
            duration: 30s
            devices:
              - {id: Device_B, npu: true}
            """;

    @Test
    void aMinimalFileGetsTheSeedDefaults() {
        Scenario s = ScenarioReader.parse(MINIMAL, "tiny.yaml");
        assertEquals("tiny", s.name());
        assertEquals(Scenario.Mode.VIRTUAL, s.mode());
        assertEquals(Duration.ofSeconds(30), s.duration());
        assertEquals("Device_A", s.orchestrator().id());
        assertEquals("npu-first", s.orchestrator().strategy());
        assertEquals(Duration.ofSeconds(10), s.orchestrator().bidTimeout());
        assertEquals(Duration.ofSeconds(300), s.orchestrator().resultTimeout());
        assertEquals("fixed", s.workload().arrival().process());
        assertEquals(1.0, s.workload().arrival().rate());
    }

    @Test
    void everyPartIsRead() {
        Scenario s = ScenarioReader.parse("""
                name: full
                seed: 9
                mode: live
                duration: 2m
                network: {latency: 40ms, jitter: 5ms, loss: 0.02}
                orchestrator: {id: Hub, strategy: lowest-cpu, bid_timeout: 500ms, result_timeout: 1m, fanout: 3}
                mesh_size: 2
                devices:
                  - {id: Phone, count: 4, npu: true, cpu_load: 0.3, battery: 70, max_tasks: 2, sample_interval: 1s}
                  - id: Tab
                    slm: {engine: simulated, speed: 2}
                workload:
                  arrival: poisson
                  rate: 300/m
                  tasks: 50
                  prompts: [one, two]
                  npu_prompt: "[NPU] {prompt}"
                faults:
                  - {at: 10s, kill: Phone_0001}
                  - {at: 20s, revive: Phone_0001}
                  - {at: 30s, slow: Tab, factor: 3}
                  - {at: 40s, battery: Phone_0002, to: 5}
                  - {at: 50s, partition: [[Hub_0001, Phone_0001], [Tab]]}
                  - {at: 60s, heal: true}
                expect:
                  all_tasks_complete: true
                  p95_latency_below: 2s
                  min_battery_above: 10
                """, "full.yaml");
        assertEquals(9, s.seed());
        assertEquals(Scenario.Mode.LIVE, s.mode());
        assertEquals(0.02, s.network().loss());
        assertEquals(3, s.orchestrator().fanout());
        assertEquals(java.util.List.of("Phone_0001", "Phone_0002", "Phone_0003", "Phone_0004"), s.devices().get(0).ids());
        assertEquals(0.3, s.devices().get(0).metricsConfig().get("cpu_load"));
        assertEquals(2, s.devices().get(1).slmConfig().get("speed"));
        assertEquals(5.0, s.workload().arrival().rate(), 1e-9);
        assertEquals(6, s.faults().size());
        assertEquals(3.0, ((Scenario.Fault.Slow) s.faults().get(2)).factor());
        assertEquals(5, ((Scenario.Fault.Battery) s.faults().get(3)).level());
        assertEquals(3, s.expectations().size());
        assertEquals(new Scenario.Expectation.LatencyBelow("2s", 95, Duration.ofSeconds(2)), s.expectations().stream()
                .filter(e -> e.kind().equals("p95_latency_below")).findFirst().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field      | name: x\\nduration: 1m\\nspeed: 3\\ndevices: [{id: A}]                 | 3:1 | speed        | allowed here: description, devices
            bad duration       | name: x\\nduration: soon\\ndevices: [{id: A}]                          | 2:11 | duration    | a duration such as 250ms
            missing duration   | name: x\\ndevices: [{id: A}]                                          | 1:1 | duration     | is required
            bad mode           | name: x\\nmode: fast\\nduration: 1m\\ndevices: [{id: A}]               | 2:7 | mode         | not one of: live, virtual
            loss out of range  | duration: 1m\\nnetwork: {loss: 2}\\ndevices: [{id: A}]                 | 2:17 | network.loss | number from 0.0 to 1.0
            bad rate           | duration: 1m\\ndevices: [{id: A}]\\nworkload: {rate: lots}            | 3:18 | workload.rate | a rate such as 5/s
            bad device id      | duration: 1m\\ndevices: [{id: 'Device B'}]                           | 2:16 | devices[0].id | must not contain
            duplicate device   | duration: 1m\\ndevices: [{id: A}, {id: A}]                           | 2:25 | devices[1].id | listed twice
            unknown fault dev  | duration: 1m\\ndevices: [{id: A}]\\nfaults: [{at: 1s, kill: Z}]       | 3:25 | faults[0].kill | no device named "Z"
            two fault actions  | duration: 1m\\ndevices: [{id: A}]\\nfaults: [{at: 1s, kill: A, heal: true}] | 3:10 | faults[0]  | exactly one of
            not yaml           | duration: [1m\\ndevices: x                                           | 2:   |              | not valid YAML
            """)
    void aBadFileIsRefusedWithItsLineColumnAndField(String name, String text, String where, String field, String says) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse(text.replace("\\n", "\n"), "bad.yaml"));
        assertTrue(e.getMessage().startsWith("bad.yaml:" + where), name + ": " + e.getMessage());
        assertTrue(e.field().startsWith(field == null ? "" : field.strip()), name + ": field " + e.field());
        assertTrue(e.getMessage().contains(says.strip()), name + ": " + e.getMessage());
    }
}
