package io.meshbench.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's memory as Linux reports it in {@code /proc/PID/status}: the peak resident set
 * ({@code VmHWM}, the "high water mark") is what a scale run costs the machine, heap and everything
 * else the JVM holds (code, threads, the collector's own tables).
 */
public final class ProcStatus {

    private ProcStatus() {
    }

    /** Peak resident set of process {@code pid} in bytes; empty when it has exited or there is no {@code /proc} (not Linux). */
    public static OptionalLong peakRssBytes(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmHWM");
    }

    /** Resident set now of process {@code pid} in bytes; empty as {@link #peakRssBytes}. */
    public static OptionalLong rssBytes(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS");
    }

    static OptionalLong field(Path status, String name) {
        try {
            return parse(Files.readString(status), name);
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty(); // the process ended between two polls, or no /proc here
        }
    }

    /** The value of a {@code NAME:   1234 kB} line of a status file, in bytes; empty when there is no such line. */
    static OptionalLong parse(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
