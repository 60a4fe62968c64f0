package io.meshbench.record;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a recording this MeshBench can read; the message names the file and the line. */
public final class RecordingFormatException extends IOException {

    public RecordingFormatException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
