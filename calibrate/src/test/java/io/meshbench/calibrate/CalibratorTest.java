package io.meshbench.calibrate;

import io.meshbench.auction.NpuFirstStrategy;
import io.meshbench.auction.Orchestrator;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import io.meshbench.node.DeviceConfig;
import io.meshbench.node.DeviceNode;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugins.llama.LlamaSlmProvider;
import io.meshbench.plugins.llama.testing.TinyGguf;
import io.meshbench.sim.VirtualMesh;
import io.meshbench.testing.EventRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calibrates the tiny model in process, then runs a virtual mesh on the profile it wrote. */
class CalibratorTest {

    @TempDir
    Path dir;

    @Test
    void calibratesARealModelAndAVirtualRunUsesTheProfile() throws Exception {
        Path model = TinyGguf.write(dir.resolve("tiny.gguf"), 42);
        Map<String, Object> settings = Map.of("model", model.toString(), "threads", 1, "max_tokens", 24);
        Calibrator.Plan plan = new Calibrator.Plan(List.of(8, 64), 24, 2, Duration.ofSeconds(60));
        List<Calibrator.Sample> seen = new ArrayList<>();
        Calibrator.Result result;
        try (WallClockContext context = new WallClockContext("calibrate", settings);
             SlmEngine engine = new LlamaSlmProvider().create(context)) {
            result = Calibrator.run(engine, plan, seen::add);
        }
        assertEquals(4, result.samples().size());
        assertEquals(result.samples(), seen, "each run reported as it ends");
        for (Calibrator.Sample s : result.samples()) {
            assertEquals(24, s.generatedTokens());
            assertTrue(s.firstTokenMs() > 0 && s.prefillTps() > 0 && s.decodeTps() > 0, s.toString());
        }
        assertTrue(result.samples().get(2).promptTokens() > result.samples().get(0).promptTokens() + 100,
                "64 words are many more tokens than 8: " + result.samples());
        assertTrue(result.prefillTps() > 0 && result.decodeTps() > 0 && result.latencyMs() >= 0, result.toString());

        Path file = dir.resolve("tiny-profile.properties");
        ProfileWriter.write(file, ProfileWriter.render(result, plan,
                new ProfileWriter.Provenance("llama", "test", settings, "meshbench calibrate --engine llama")));
        String text = Files.readString(file);
        assertTrue(text.contains("# engine: llama test") && text.contains("sha256 ")
                && text.contains("# model file: " + model.toAbsolutePath()) && text.contains("# machine: "), text);
        Properties profile = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            profile.load(in);
        }
        double prefill = Double.parseDouble(profile.getProperty("prefill_tps_cpu"));
        double decode = Double.parseDouble(profile.getProperty("decode_tps_cpu"));
        double latency = Double.parseDouble(profile.getProperty("latency_ms"));
        assertEquals(24, Integer.parseInt(profile.getProperty("max_tokens")));

        // A virtual mesh whose only device is simulated from the profile: its runs take the measured time.
        EventBus bus = new EventBus();
        EventRecorder events = new EventRecorder();
        bus.subscribe(events);
        VirtualMesh mesh = new VirtualMesh(VirtualMesh.Options.of(7), bus);
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        DeviceConfig device = DeviceConfig.simulated("Phone_1", false, 0.2, 0.5, 90)
                .withSlm("simulated", Map.of("profile", file.toString()));
        List<String> all = List.of("Device_A", "Phone_1");
        mesh.add("Phone_1", new DeviceNode(device, plugins.metrics("simulated"), plugins.engine("simulated")), all);
        VirtualMesh.Node<Orchestrator> a = mesh.add("Device_A",
                new Orchestrator(Orchestrator.Settings.SEED, new NpuFirstStrategy()), all);
        a.handler().submit(PromptRequest.of("Describe a beautiful sunset over the ocean"));
        mesh.runFor(Duration.ofMinutes(5));

        MeshEvent.TaskExecuted executed = events.all(MeshEvent.TaskExecuted.class).getFirst();
        assertEquals(io.meshbench.plugin.api.SlmResult.Status.COMPLETED, executed.status());
        assertEquals(24, executed.generatedTokens());
        double modelled = latency / 1000 + executed.promptTokens() / prefill + 24 / decode;
        assertEquals(modelled, executed.elapsedNanos() / 1e9, 1e-6, "the run takes the calibrated time");
        assertEquals(1, events.all(MeshEvent.TaskCompleted.class).size());
    }

    @Test
    void anEngineWithoutTokenCountsIsAClearError() {
        SlmEngine silent = (request, listener) -> {
            listener.onComplete(io.meshbench.plugin.api.SlmResult.completed("text", -1, -1, Duration.ofMillis(5)));
            return () -> { };
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Calibrator.run(silent,
                new Calibrator.Plan(List.of(4), 8, 1, Duration.ofSeconds(5)), s -> { }));
        assertTrue(e.getMessage().contains("token counts"), e.getMessage());
    }

    @Test
    void badPlansAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new Calibrator.Plan(List.of(), 8, 1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Calibrator.Plan(List.of(0), 8, 1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Calibrator.Plan(List.of(4), 1, 1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Calibrator.Plan(List.of(4), 8, 0, Duration.ofSeconds(1)));
    }
}
