package io.meshbench.record;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The first line of a recording: what the file is, which version of the format, when it was made,
 * and free-form facts about the run (the command, the scenario, the seed, the strategy).
 *
 * @param format   always {@link #FORMAT}
 * @param version  the format version; this MeshBench reads {@link #OLDEST_VERSION} to {@link #VERSION}
 * @param created  when the recording was started
 * @param metadata facts about the run, e.g. {@code scenario}, {@code seed}, {@code strategy}
 */
public record RecordingHeader(String format, int version, Instant created, Map<String, String> metadata) {

    public static final String FORMAT = "meshbench-recording";
    /** The version this MeshBench writes: 2, whose events name their kind in an {@code "event"} field. */
    public static final int VERSION = 2;
    /** The oldest version this MeshBench reads: 1, whose events named their kind in {@code "type"}. */
    public static final int OLDEST_VERSION = 1;

    public RecordingHeader {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(created, "created");
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    }

    /** A header of this version, made now. */
    public static RecordingHeader now(Map<String, String> metadata) {
        return new RecordingHeader(FORMAT, VERSION, Instant.now(), metadata);
    }

    /** The metadata in key order, for printing. */
    public Map<String, String> sortedMetadata() {
        return new TreeMap<>(metadata);
    }
}
