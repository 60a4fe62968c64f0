package io.meshbench.plugins.simulated;

import io.meshbench.plugin.api.MetricSample;
import io.meshbench.plugin.api.MetricSource;
import io.meshbench.plugin.api.PluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device profiles: bundled and user files, overrides, and a battery that drains on the context's (here manual) clock. */
class ProfileTest {

    @TempDir
    Path dir;

    private long now = 0;

    private PluginContext context(Map<String, Object> config) {
        return new PluginContext() {
            private final RandomGenerator random = new SplittableRandom(3);
            public String deviceId() { return "Device_B"; }
            public Map<String, Object> config() { return config; }
            public long nowNanos() { return now; }
            public Cancellable schedule(Duration delay, Runnable action) { throw new UnsupportedOperationException(); }
            public System.Logger logger() { return System.getLogger("test"); }
            public RandomGenerator random() { return random; }
        };
    }

    @Test
    void everyBundledProfileLoadsAndCitesItsSources() throws Exception {
        for (String name : Profile.BUNDLED) {
            PluginContext c = context(Map.of("profile", name));
            Profile p = Profile.of(c);
            assertTrue(p.number(c, "decode_tps_cpu", -1) > 0 && p.number(c, "prefill_tps_npu", -1) > 0, name);
            String text = new String(Profile.class.getResourceAsStream("profiles/" + name + ".properties").readAllBytes());
            assertTrue(text.contains("Sources") && text.contains("tokens/s"), name + " cites where its figures come from");
            new SimulatedMetricsProvider().create(c).sample();
        }
    }

    @Test
    void batteryDrainsAtIdleAndFasterWithWork() {
        MetricSource source = new SimulatedMetricsProvider().create(context(Map.of("profile", "mid-range", "noise", 0)));
        assertEquals(80, source.sample().battery().getAsInt());
        now += Duration.ofHours(5).toNanos();                // idle: 1.2 %/h
        assertEquals(74, source.sample().battery().getAsInt());
        source.onTaskCountChanged(2);
        now += Duration.ofMinutes(10).toNanos();             // two tasks: 2 * 0.5 %/min, plus idle 0.2
        MetricSample busy = source.sample();
        assertEquals(64, busy.battery().getAsInt());
        assertEquals(0.20 + 2 * 0.40, busy.cpuLoad().getAsDouble(), 1e-9, "CPU moves with the tasks");
        assertEquals(0.55 + 2 * 0.15, busy.ramLoad().getAsDouble(), 1e-9);
    }

    @Test
    void aCopiedProfileFileAndConfigOverrides() throws Exception {
        Path mine = dir.resolve("my-phone.properties");
        Files.writeString(mine, "# mine\ncpu_load=0.33\nbattery=50\n");
        MetricSample s = new SimulatedMetricsProvider().create(context(Map.of("profile", mine.toString(), "battery", 70))).sample();
        assertEquals(0.33, s.cpuLoad().getAsDouble(), 1e-9);
        assertEquals(70, s.battery().getAsInt(), "device_config.json wins over the profile");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulatedMetricsProvider().create(context(Map.of("profile", "flagship"))));
        assertTrue(e.getMessage().contains("flagship-npu, mid-range, budget, tablet"), e.getMessage());
    }
}
