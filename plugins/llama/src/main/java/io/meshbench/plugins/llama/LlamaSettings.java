package io.meshbench.plugins.llama;

import io.meshbench.plugin.api.PluginContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The checked settings of one in-process engine; every error names the setting and what to write.
 *
 * @param model       the GGUF file
 * @param context     tokens of context (prompt plus answer) the model is loaded with, shared by the slots
 * @param threads     CPU threads for prefill and decode
 * @param parallel    runs the model serves at once (more wait their turn)
 * @param maxTokens   tokens generated at most per run
 * @param temperature sampling temperature (0: always the likeliest token)
 * @param seed        sampling seed, or -1 for a random one
 * @param chat        whether the prompt is wrapped in the model's chat template as a user message
 * @param maxOutput   characters of output kept at most
 */
record LlamaSettings(Path model, int context, int threads, int parallel, int maxTokens, double temperature,
                     long seed, boolean chat, int maxOutput) {

    static LlamaSettings of(PluginContext context) {
        String file = context.string("model", null);
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("the llama engine needs \"model\": the path of a GGUF model file, e.g. "
                    + "{\"engine\": \"llama\", \"model\": \"models/qwen2.5-0.5b-instruct-q4_k_m.gguf\"}");
        }
        Path model = Path.of(file).toAbsolutePath().normalize();
        checkGguf(model);
        int ctx = whole(context, "context", 2048, 64, 131072);
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = whole(context, "threads", Math.max(1, Math.min(4, cores)), 1, 512);
        int parallel = whole(context, "parallel", 1, 1, 64);
        int maxTokens = whole(context, "max_tokens", 128, 1, 32768);
        double temperature = context.number("temperature", 0.8);
        if (!(temperature >= 0 && temperature <= 5)) {
            throw new IllegalArgumentException("temperature must be 0..5, got " + temperature);
        }
        long seed = (long) context.number("seed", -1);
        boolean chat = context.flag("chat", true);
        int maxOutput = whole(context, "max_output_chars", 32768, 1, 1_000_000);
        checkMemory(model, context.number("max_memory_mb", -1));
        return new LlamaSettings(model, ctx, threads, parallel, maxTokens, temperature, seed, chat, maxOutput);
    }

    private static int whole(PluginContext context, String key, int fallback, int min, int max) {
        double v = context.number(key, fallback);
        if (v != Math.rint(v) || v < min || v > max) {
            throw new IllegalArgumentException(key + " must be a whole number " + min + ".." + max + ", got " + v);
        }
        return (int) v;
    }

    /** A clear error for a missing file or one that is not GGUF, before llama.cpp sees it. */
    static void checkGguf(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("model file " + model + " does not exist; give the path of a GGUF "
                    + "model (see the README's \"Real models\" for where to get one)");
        }
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(model)) {
            if (in.readNBytes(magic, 0, 4) < 4 || !Arrays.equals(magic, "GGUF".getBytes())) {
                throw new IllegalArgumentException("model file " + model + " is not a GGUF file (it does not start "
                        + "with \"GGUF\"); llama.cpp needs GGUF: convert the model or download its GGUF build");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("model file " + model + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * The weights are mapped into memory whole: refuse a model that does not fit, rather than letting the
     * machine swap or the kernel kill the process. The limit is {@code max_memory_mb} when given, else the
     * memory the system says is available.
     */
    static void checkMemory(Path model, double maxMemoryMb) {
        long size;
        try {
            size = Files.size(model);
        } catch (IOException e) {
            throw new IllegalArgumentException("model file " + model + " cannot be read: " + e.getMessage());
        }
        long limit;
        String what;
        if (maxMemoryMb > 0) {
            limit = (long) (maxMemoryMb * 1024 * 1024);
            what = "max_memory_mb " + (long) maxMemoryMb;
        } else {
            limit = availableMemory();
            what = "the memory available (" + (limit >> 20) + " MB)";
        }
        if (limit > 0 && size > limit) {
            throw new IllegalArgumentException("model file " + model + " is " + (size >> 20) + " MB, more than " + what
                    + "; use a smaller or more quantised model (e.g. Q4_K_M), or raise max_memory_mb");
        }
    }

    private static long availableMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no check beyond max_memory_mb
        }
        return -1;
    }
}
