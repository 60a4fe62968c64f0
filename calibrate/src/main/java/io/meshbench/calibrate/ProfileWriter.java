package io.meshbench.calibrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a calibration as a simulated device profile: the {@code .properties} file that the
 * simulated SLM engine and metric source read ({@code "slm": {"engine": "simulated", "profile":
 * "FILE"}}), with a header that says where every number came from: the engine and its settings,
 * the model file (size and SHA-256), the machine, the plan, and each run's measurements.
 */
public final class ProfileWriter {

    /** Where the numbers came from. */
    public record Provenance(String engine, String engineVersion, Map<String, Object> settings, String commandLine) {
    }

    private ProfileWriter() {
    }

    public static String render(Calibrator.Result result, Calibrator.Plan plan, Provenance from) {
        StringBuilder b = new StringBuilder();
        b.append("# Simulated device profile measured by `meshbench calibrate` at ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        b.append("#   use: \"slm\": {\"engine\": \"simulated\", \"profile\": \"THIS FILE\"}\n");
        if (from.commandLine() != null) {
            b.append("# command: ").append(from.commandLine()).append('\n');
        }
        b.append("# engine: ").append(from.engine()).append(' ').append(from.engineVersion())
                .append(", settings ").append(redacted(from.settings())).append('\n');
        Object model = from.settings().get("model");
        if (model instanceof String m && Files.isRegularFile(Path.of(m))) {
            b.append("# model file: ").append(Path.of(m).toAbsolutePath()).append(", ").append(describe(Path.of(m)))
                    .append('\n');
        }
        b.append("# machine: ").append(machine()).append('\n');
        b.append("# plan: prompts of ").append(plan.promptWords()).append(" words, ").append(plan.tokens())
                .append(" tokens generated, ").append(plan.runs()).append(" runs each after one warm-up run\n");
        b.append("#\n# each run: prompt words, prompt tokens, generated tokens, first token ms, prefill tokens/s, "
                + "decode tokens/s, total ms\n");
        for (Calibrator.Sample s : result.samples()) {
            b.append(String.format(Locale.ROOT, "#   %6d %7d %6d %10.1f %10.1f %9.1f %10.1f%n", s.promptWords(),
                    s.promptTokens(), s.generatedTokens(), s.firstTokenMs(), s.prefillTps(), s.decodeTps(),
                    s.totalMs()));
        }
        b.append("# prefill: the median at the longest prompt; decode: the median of every run; latency: the median\n"
                + "# of each run's total time beyond its prefill and decode at those rates. The engine ran on the CPU:\n"
                + "# the _npu rates repeat the CPU's; measure a device's NPU path and edit them for an NPU device.\n\n");
        b.append("calibrated_engine=").append(escape(from.engine())).append('\n');
        b.append("calibrated_at=").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        b.append("has_npu=false\n");
        b.append(String.format(Locale.ROOT, "prefill_tps_cpu=%.1f%nprefill_tps_npu=%.1f%n", result.prefillTps(),
                result.prefillTps()));
        b.append(String.format(Locale.ROOT, "decode_tps_cpu=%.1f%ndecode_tps_npu=%.1f%n", result.decodeTps(),
                result.decodeTps()));
        b.append(String.format(Locale.ROOT, "latency_ms=%.1f%n", result.latencyMs()));
        b.append("max_tokens=").append(plan.tokens()).append('\n');
        return b.toString();
    }

    public static void write(Path file, String profile) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, profile, StandardCharsets.UTF_8);
    }

    /** Settings as written in the header, with secrets left out. */
    static Map<String, Object> redacted(Map<String, Object> settings) {
        Map<String, Object> shown = new TreeMap<>(settings);
        shown.computeIfPresent("api_key", (k, v) -> "(hidden)");
        return shown;
    }

    private static String describe(Path file) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
            }
            return Files.size(file) + " bytes, sha256 " + HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "(cannot be read: " + e.getMessage() + ")";
        }
    }

    static String machine() {
        String cpu = "";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            cpu = lines.stream().filter(l -> l.startsWith("model name") || l.startsWith("Hardware"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores" + (cpu.isEmpty() ? "" : " (" + cpu + ")")
                + ", Java " + System.getProperty("java.version");
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", " ");
    }
}
