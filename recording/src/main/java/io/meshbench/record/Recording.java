package io.meshbench.record;

import io.meshbench.event.MeshEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A recording read whole into memory.
 *
 * @param file       where it was read from
 * @param header     its first line
 * @param events     every whole event, in the order written
 * @param truncation why the last line was not read, when the file ends in the middle of a line
 *                   (a run stopped while writing it)
 * @param warnings   lines skipped because this MeshBench does not know their event type
 */
public record Recording(Path file, RecordingHeader header, List<MeshEvent> events, Optional<String> truncation,
                        List<String> warnings) {
    public Recording {
        events = List.copyOf(events);
        warnings = List.copyOf(warnings);
    }
}
