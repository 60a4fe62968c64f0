package io.meshbench.node;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meshbench.protocol.DeviceId;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device's {@code device_config.json}: the original design's {@code device_id} and
 * {@code has_npu}, and MeshBench's additions, each optional:
 * <pre>
 * {"device_id": "Device_B", "has_npu": true,
 *  "metrics": {"source": "simulated", "cpu_load": 0.452, "ram_load": 0.6, "battery": 85},
 *  "slm": {"engine": "simulated"},
 *  "max_tasks": 4, "sample_interval_ms": 500, "task_timeout_s": 290}
 * </pre>
 * {@code metrics} and {@code slm} name a plugin, either as a string or as an object whose
 * {@code source} / {@code engine} field names it and whose other fields are the plugin's settings.
 *
 * @param deviceId       the device's id in the mesh
 * @param hasNpu         whether it has an NPU
 * @param metrics        the metric source plugin's name
 * @param metricsConfig  its settings
 * @param slm            the SLM engine plugin's name
 * @param slmConfig      its settings
 * @param maxTasks       tasks it runs at once; more are answered with a failed RESULT
 * @param sampleInterval how often metrics are sampled in the background
 * @param taskTimeout    how long one SLM run may take
 */
public record DeviceConfig(String deviceId, boolean hasNpu, String metrics, Map<String, Object> metricsConfig,
                           String slm, Map<String, Object> slmConfig, int maxTasks, Duration sampleInterval,
                           Duration taskTimeout) {

    public static final String DEFAULT_METRICS = "simulated";
    public static final String DEFAULT_SLM = "simulated";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public DeviceConfig {
        metricsConfig = Map.copyOf(metricsConfig);
        slmConfig = Map.copyOf(slmConfig);
        if (maxTasks < 1) {
            throw new IllegalArgumentException("max_tasks must be at least 1, got " + maxTasks);
        }
    }

    /** A simulated device with the given load, as the demo's devices are. */
    public static DeviceConfig simulated(String deviceId, boolean hasNpu, double cpuLoad, double ramLoad, int battery) {
        return new DeviceConfig(deviceId, hasNpu, DEFAULT_METRICS,
                Map.of("cpu_load", cpuLoad, "ram_load", ramLoad, "battery", battery),
                DEFAULT_SLM, Map.of(), 4, Duration.ofMillis(500), Duration.ofSeconds(290));
    }

    public DeviceConfig withSlmConfig(Map<String, Object> config) {
        return new DeviceConfig(deviceId, hasNpu, metrics, metricsConfig, slm, config, maxTasks, sampleInterval,
                taskTimeout);
    }

    /** The same device with another SLM engine plugin and its settings. */
    public DeviceConfig withSlm(String engine, Map<String, Object> config) {
        return new DeviceConfig(deviceId, hasNpu, metrics, metricsConfig, engine, config, maxTasks, sampleInterval,
                taskTimeout);
    }

    /** Reads a config file; every error names the file, the field and what to write instead. */
    public static DeviceConfig read(Path file) {
        Map<String, Object> json;
        try {
            json = JSON.readValue(Files.readString(file), Map.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("device config " + file + " does not exist; write one like "
                    + "{\"device_id\": \"Device_B\", \"has_npu\": true}");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("device config " + file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("device config " + file + " cannot be read: " + e.getMessage());
        }
        if (json == null) {
            throw new IllegalArgumentException("device config " + file + " is empty; it must be a JSON object");
        }
        try {
            return fromMap(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device config " + file + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static DeviceConfig fromMap(Map<String, Object> json) {
        Object id = json.get("device_id");
        if (!(id instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("device_id must be a non-empty string, e.g. \"Device_B\"");
        }
        DeviceId.check("device_id", s);
        Object npu = json.getOrDefault("has_npu", Boolean.FALSE);
        if (!(npu instanceof Boolean)) {
            throw new IllegalArgumentException("has_npu must be true or false, got " + npu);
        }
        Plugin metrics = plugin(json, "metrics", "source", DEFAULT_METRICS);
        Plugin slm = plugin(json, "slm", "engine", DEFAULT_SLM);
        return new DeviceConfig((String) id, (Boolean) npu, metrics.name, metrics.config, slm.name, slm.config,
                whole(json, "max_tasks", 4), Duration.ofMillis(whole(json, "sample_interval_ms", 500)),
                Duration.ofSeconds(whole(json, "task_timeout_s", 290)));
    }

    private record Plugin(String name, Map<String, Object> config) {
    }

    @SuppressWarnings("unchecked")
    private static Plugin plugin(Map<String, Object> json, String field, String nameField, String fallback) {
        Object value = json.get(field);
        if (value == null) {
            return new Plugin(fallback, Map.of());
        }
        if (value instanceof String s) {
            return new Plugin(s, Map.of());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) map);
            Object name = config.remove(nameField);
            if (name != null && !(name instanceof String)) {
                throw new IllegalArgumentException(field + "." + nameField + " must be a plugin name, got " + name);
            }
            config.values().removeIf(v -> v == null);
            return new Plugin(name == null ? fallback : (String) name, config);
        }
        throw new IllegalArgumentException(field + " must be a plugin name or an object with \"" + nameField
                + "\", got " + value);
    }

    private static int whole(Map<String, Object> json, String field, int fallback) {
        Object value = json.get(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer i && i > 0) {
            return i;
        }
        throw new IllegalArgumentException(field + " must be a positive whole number, got " + value);
    }
}
