package io.meshbench.adb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses whether a phone has an NPU the SLM can use, from its system properties
 * ({@code ro.soc.manufacturer}, {@code ro.soc.model}, {@code ro.board.platform}, {@code ro.hardware})
 * and the vendor libraries present, instead of the original set-up's y/n prompt. The guess carries
 * its evidence, so that a user can judge it and override it.
 */
public final class NpuDetector {

    /** The properties read, and the shell command that lists the NPU libraries present. */
    public static final List<String> PROPERTIES = List.of("ro.soc.manufacturer", "ro.soc.model", "ro.board.platform",
            "ro.hardware");
    public static final String LIBRARY_PROBE = "ls /vendor/lib64 /vendor/lib /system/vendor/lib64 2>/dev/null | "
            + "grep -iE 'qnn|hexagon|snpe|cdsprpc|neuron|apunn|eden|enn_|edgetpu|darwinn|npu'";

    /** @param hasNpu the guess; @param vendor the NPU's maker, or "" ; @param evidence why */
    public record Guess(boolean hasNpu, String vendor, List<String> evidence) {
        public Guess {
            evidence = List.copyOf(evidence);
        }
    }

    private record Family(String vendor, String npu, List<String> socHints, List<String> libHints) {
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("Qualcomm", "Hexagon NPU", List.of("qti", "qualcomm", "qcom", "sm8", "sm7", "kalama", "taro",
                    "lahaina", "pineapple", "kona"), List.of("qnn", "hexagon", "snpe", "cdsprpc")),
            new Family("MediaTek", "APU", List.of("mediatek", "mt68", "mt69", "dimensity"), List.of("neuron", "apunn")),
            new Family("Samsung", "Exynos NPU", List.of("samsung", "exynos", "s5e9", "s5e8"), List.of("eden", "enn_")),
            new Family("Google", "Tensor TPU", List.of("google", "gs101", "gs201", "zuma", "zumapro", "tensor"),
                    List.of("edgetpu", "darwinn")));

    private NpuDetector() {
    }

    public static Guess detect(Map<String, String> props, List<String> libraries) {
        List<String> evidence = new ArrayList<>();
        String socText = String.join(" ", PROPERTIES.stream().map(p -> props.getOrDefault(p, "")).toList())
                .toLowerCase(Locale.ROOT);
        for (String p : PROPERTIES) {
            String v = props.getOrDefault(p, "");
            if (!v.isBlank()) {
                evidence.add(p + "=" + v);
            }
        }
        for (Family f : FAMILIES) {
            List<String> libs = libraries.stream().filter(l -> f.libHints().stream()
                    .anyMatch(h -> l.toLowerCase(Locale.ROOT).contains(h))).toList();
            boolean soc = f.socHints().stream().anyMatch(socText::contains);
            if (!libs.isEmpty()) {
                evidence.add(f.npu() + " libraries: " + String.join(", ", libs));
                return new Guess(true, f.vendor(), evidence);
            }
            if (soc) {
                evidence.add(f.vendor() + " SoC, but none of its NPU libraries (" + String.join(", ", f.libHints())
                        + ") found in /vendor: no NPU the SLM can reach");
                return new Guess(false, f.vendor(), evidence);
            }
        }
        evidence.add("no known NPU vendor in the SoC properties, no NPU libraries in /vendor");
        return new Guess(false, "", evidence);
    }
}
