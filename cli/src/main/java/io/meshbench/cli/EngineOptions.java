package io.meshbench.cli;

import io.meshbench.node.DeviceConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --engine NAME [--model FILE] [--engine-option KEY=VALUE]...}: the SLM engine plugin a
 * command's simulated devices (or its calibration) use, with its settings, as a device config's
 * {@code "slm"} object gives them.
 */
final class EngineOptions {

    @Option(names = "--engine", paramLabel = "NAME",
            description = "The SLM engine plugin: simulated (default), llama (a local GGUF model in this process), "
                    + "openai (an OpenAI-compatible server), process (a command per prompt), or a plugin's.")
    String name;

    @Option(names = "--model", paramLabel = "FILE", description = "The engine's \"model\" setting: a GGUF file for "
            + "llama; the model id for openai.")
    String model;

    @Option(names = "--engine-option", paramLabel = "KEY=VALUE", description = "Any other setting of the engine, "
            + "e.g. threads=4, url=http://127.0.0.1:8080/v1, max_tokens=64 (repeatable; numbers and true/false are typed).")
    Map<String, String> options = new LinkedHashMap<>();

    /** The settings, typed: whole numbers, decimals, true/false, else text. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        options.forEach((k, v) -> settings.put(k, typed(v)));
        if (model != null) {
            boolean file = name == null || !name.equals("openai");
            settings.put("model", file ? Path.of(model).toAbsolutePath().toString() : model);
        }
        return settings;
    }

    /** The devices with this engine instead of their own, when one is given. */
    List<DeviceConfig> apply(List<DeviceConfig> devices) {
        if (name == null) {
            if (model != null || !options.isEmpty()) {
                throw new IllegalArgumentException("--model and --engine-option need --engine NAME (e.g. --engine llama)");
            }
            return devices;
        }
        Map<String, Object> settings = settings();
        return devices.stream().map(d -> d.withSlm(name, settings)).toList();
    }

    static Object typed(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        if (value.matches("-?\\d{1,9}")) {
            return Integer.parseInt(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(value);
        }
        return value;
    }
}
