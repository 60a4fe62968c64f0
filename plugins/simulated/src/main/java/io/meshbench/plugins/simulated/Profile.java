package io.meshbench.plugins.simulated;

import io.meshbench.plugin.api.PluginContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A simulated device profile: a {@code .properties} file of the same settings a device config
 * gives the simulated plugins ({@code cpu_load}, {@code decode_tps_cpu}, ...), with comments that
 * say where each figure comes from. A device names one with {@code "profile"}: a bundled profile's
 * name ({@link #BUNDLED}) or the path of a file of one's own (copy a bundled one and edit it).
 * Settings given in the device config win over the profile's.
 */
final class Profile {

    /** The profiles that ship with MeshBench. */
    static final List<String> BUNDLED = List.of("flagship-npu", "mid-range", "budget", "tablet");

    private final Properties values;
    private final String source;

    private Profile(Properties values, String source) {
        this.values = values;
        this.source = source;
    }

    /** The profile the context's {@code profile} setting names, or an empty one when there is none. */
    static Profile of(PluginContext context) {
        String name = context.string("profile", null);
        if (name == null) {
            return new Profile(new Properties(), "no profile");
        }
        Properties values = new Properties();
        if (BUNDLED.contains(name)) {
            try (InputStream in = Profile.class.getResourceAsStream("profiles/" + name + ".properties")) {
                values.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("bundled profile " + name + " is missing from the plugin jar", e);
            }
            return new Profile(values, "profile " + name);
        }
        if (!name.contains("/") && !name.endsWith(".properties")) {
            throw new IllegalArgumentException("no simulated profile named \"" + name + "\"; bundled: "
                    + String.join(", ", BUNDLED) + ", or give the path of a .properties profile file");
        }
        Path file = Path.of(name);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("profile file " + file.toAbsolutePath() + " does not exist; copy a "
                    + "bundled one (plugins/simulated/src/main/resources/io/meshbench/plugins/simulated/profiles/)");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("profile file " + file + " cannot be read: " + e.getMessage());
        }
        return new Profile(values, "profile file " + file);
    }

    /** The setting {@code key}: the device config's, else the profile's, else {@code fallback}. */
    double number(PluginContext context, String key, double fallback) {
        if (context.config().containsKey(key)) {
            return context.number(key, fallback);
        }
        String value = values.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + " must be a number, got \"" + value + "\"");
        }
    }

    /** A share in [0, 1], checked. */
    double share(PluginContext context, String key, double fallback) {
        double v = number(context, key, fallback);
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " of device " + context.deviceId() + " (" + source
                    + ") must be 0..1, got " + v);
        }
        return v;
    }

    /** A number at least 0, checked. */
    double positive(PluginContext context, String key, double fallback) {
        double v = number(context, key, fallback);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + " of device " + context.deviceId() + " (" + source
                    + ") must be a number of at least 0, got " + v);
        }
        return v;
    }
}
