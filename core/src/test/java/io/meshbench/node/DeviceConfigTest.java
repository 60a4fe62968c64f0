package io.meshbench.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceConfigTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("device_config.json");
        Files.writeString(file, json);
        return file;
    }

    private DeviceConfig read(String json) throws IOException {
        return DeviceConfig.read(write(json));
    }

    /** Reading {@code json} fails with a message naming the file and containing every part. */
    private String fails(String json, String... parts) throws IOException {
        Path file = write(json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceConfig.read(file),
                () -> "accepted: " + json);
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), () -> "\"" + message + "\" should name the file " + file);
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "\"" + message + "\" should contain \"" + part + "\"");
        }
        return message;
    }

    @Test
    void seedConfigReadsWithDefaults() throws IOException {
        DeviceConfig c = read("{\"device_id\": \"Device_A\", \"has_npu\": true}");
        assertEquals("Device_A", c.deviceId());
        assertTrue(c.hasNpu());
        assertEquals(DeviceConfig.DEFAULT_METRICS, c.metrics());
        assertEquals("simulated", c.metrics());
        assertEquals(Map.of(), c.metricsConfig());
        assertEquals(DeviceConfig.DEFAULT_SLM, c.slm());
        assertEquals("simulated", c.slm());
        assertEquals(Map.of(), c.slmConfig());
        assertEquals(4, c.maxTasks());
        assertEquals(Duration.ofMillis(500), c.sampleInterval());
        assertEquals(Duration.ofSeconds(290), c.taskTimeout());
    }

    @Test
    void seedConfigAsTheSpecWritesItOverSeveralLines() throws IOException {
        DeviceConfig c = read("{\n  \"device_id\": \"Device_A\",\n  \"has_npu\": true\n}\n");
        assertEquals("Device_A", c.deviceId());
        assertTrue(c.hasNpu());
    }

    @Test
    void hasNpuDefaultsToFalse() throws IOException {
        assertFalse(read("{\"device_id\": \"Device_C\"}").hasNpu());
        assertFalse(read("{\"device_id\": \"Device_C\", \"has_npu\": false}").hasNpu());
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        assertEquals("Device_B", read("{\"device_id\": \"Device_B\", \"colour\": \"blue\", \"x\": [1]}").deviceId());
    }

    @Test
    void pluginsAsStrings() throws IOException {
        DeviceConfig c = read("{\"device_id\": \"Device_B\", \"metrics\": \"proc\", \"slm\": \"llama_cpp\"}");
        assertEquals("proc", c.metrics());
        assertEquals(Map.of(), c.metricsConfig());
        assertEquals("llama_cpp", c.slm());
        assertEquals(Map.of(), c.slmConfig());
    }

    @Test
    void pluginsAsObjects() throws IOException {
        DeviceConfig c = read("""
                {"device_id": "Device_B", "has_npu": true,
                 "metrics": {"source": "simulated", "cpu_load": 0.452, "ram_load": 0.6, "battery": 85, "gone": null},
                 "slm": {"engine": "command", "command": ["run_slm.sh", "{prompt_file}"], "delay_ms": 20},
                 "max_tasks": 2, "sample_interval_ms": 250, "task_timeout_s": 30}
                """);
        assertEquals("simulated", c.metrics());
        assertEquals(Map.of("cpu_load", 0.452, "ram_load", 0.6, "battery", 85), c.metricsConfig());
        assertEquals("command", c.slm());
        assertEquals(Map.of("command", List.of("run_slm.sh", "{prompt_file}"), "delay_ms", 20), c.slmConfig());
        assertEquals(2, c.maxTasks());
        assertEquals(Duration.ofMillis(250), c.sampleInterval());
        assertEquals(Duration.ofSeconds(30), c.taskTimeout());
    }

    @Test
    void pluginObjectWithoutNameFallsBackToTheDefault() throws IOException {
        DeviceConfig c = read("{\"device_id\": \"B\", \"metrics\": {\"cpu_load\": 0.1}, \"slm\": {}}");
        assertEquals("simulated", c.metrics());
        assertEquals(Map.of("cpu_load", 0.1), c.metricsConfig());
        assertEquals("simulated", c.slm());
        assertEquals(Map.of(), c.slmConfig());
    }

    @Test
    void nullPluginsFallBackToTheDefault() throws IOException {
        DeviceConfig c = read("{\"device_id\": \"B\", \"metrics\": null, \"slm\": null, \"max_tasks\": null}");
        assertEquals("simulated", c.metrics());
        assertEquals("simulated", c.slm());
        assertEquals(4, c.maxTasks());
    }

    @Test
    void configMapsAreImmutable() throws IOException {
        DeviceConfig c = read("{\"device_id\": \"B\", \"metrics\": {\"source\": \"s\", \"k\": 1}}");
        assertThrows(UnsupportedOperationException.class, () -> c.metricsConfig().put("x", 2));
        Map<String, Object> mutable = new HashMap<>(Map.of("a", 1));
        DeviceConfig d = c.withSlmConfig(mutable);
        mutable.put("b", 2);
        assertEquals(Map.of("a", 1), d.slmConfig());
        assertEquals(c.metricsConfig(), d.metricsConfig());
        assertEquals(c.deviceId(), d.deviceId());
    }

    @Test
    void simulatedFactory() {
        DeviceConfig c = DeviceConfig.simulated("Device_B", true, 0.45, 0.6, 85);
        assertEquals("Device_B", c.deviceId());
        assertTrue(c.hasNpu());
        assertEquals("simulated", c.metrics());
        assertEquals(Map.of("cpu_load", 0.45, "ram_load", 0.6, "battery", 85), c.metricsConfig());
        assertEquals(4, c.maxTasks());
    }

    // --- errors -----------------------------------------------------------------------------------

    @Test
    void missingFile() {
        Path file = dir.resolve("absent").resolve("device_config.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceConfig.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("\"device_id\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"device_id\": \"A\",", "{device_id: \"A\"}", "not json", "{\"device_id\": 'A'}", ""})
    void invalidJson(String json) throws IOException {
        fails(json, "not valid JSON");
    }

    @Test
    void jsonArrayIsRejected() throws IOException {
        fails("[{\"device_id\": \"A\"}]", "device config");
    }

    @Test
    void jsonNullIsEmpty() throws IOException {
        fails("null", "empty", "JSON object");
    }

    @Test
    void missingDeviceId() throws IOException {
        fails("{\"has_npu\": true}", "device_id", "non-empty string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "42", "null", "true", "[\"A\"]"})
    void badDeviceId(String value) throws IOException {
        fails("{\"device_id\": " + value + "}", "device_id", "non-empty string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "\"true\"", "1", "null", "{}"})
    void hasNpuNotBoolean(String value) throws IOException {
        fails("{\"device_id\": \"A\", \"has_npu\": " + value + "}", "has_npu", "true or false");
    }

    @Test
    void maxTasksZero() throws IOException {
        fails("{\"device_id\": \"A\", \"max_tasks\": 0}", "max_tasks", "positive whole number", "0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "2.5", "\"4\"", "true", "99999999999"})
    void maxTasksNotAPositiveInt(String value) throws IOException {
        fails("{\"device_id\": \"A\", \"max_tasks\": " + value + "}", "max_tasks", "positive whole number");
    }

    @Test
    void badIntervals() throws IOException {
        fails("{\"device_id\": \"A\", \"sample_interval_ms\": 0}", "sample_interval_ms", "positive whole number");
        fails("{\"device_id\": \"A\", \"task_timeout_s\": \"290\"}", "task_timeout_s", "positive whole number");
    }

    @Test
    void badPluginValues() throws IOException {
        fails("{\"device_id\": \"A\", \"metrics\": 5}", "metrics", "plugin name", "\"source\"");
        fails("{\"device_id\": \"A\", \"slm\": [\"x\"]}", "slm", "plugin name", "\"engine\"");
        fails("{\"device_id\": \"A\", \"metrics\": {\"source\": 3}}", "metrics.source", "plugin name");
        fails("{\"device_id\": \"A\", \"slm\": {\"engine\": true}}", "slm.engine", "plugin name");
    }

    @Test
    void constructorRejectsZeroMaxTasks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DeviceConfig("A", false,
                "simulated", Map.of(), "simulated", Map.of(), 0, Duration.ofMillis(1), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("max_tasks"), e.getMessage());
    }
}
