package io.meshbench.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.event.MeshEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes every event it is given to a recording: a JSON Lines file whose first line is the
 * {@link RecordingHeader} and each further line one {@link MeshEvent} (see {@link RecordingReader}).
 * Subscribe it to an {@code EventBus}; it is thread-safe, and lines never interleave.
 *
 * <p>Each line is handed to the operating system after every {@code flushEvery} events (every
 * event by default), so a process that dies, even without running its shutdown hooks, leaves a
 * file that reads up to its last flushed event. A larger batch suits virtual-time runs, which make
 * millions of events and end by {@link #close()}. A write that fails stops the recording (once,
 * with a message on standard error) and never disturbs the mesh; {@link #close()} then rethrows it.
 */
public final class RecordingWriter implements Consumer<MeshEvent>, AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecordingWriter.class);

    private final Path file;
    private final Writer out;
    private final int flushEvery;
    private int unflushed;
    private long written;
    private boolean closed;
    private IOException failure;

    private RecordingWriter(Path file, Writer out, int flushEvery) {
        this.file = file;
        this.out = out;
        this.flushEvery = flushEvery;
    }

    /** Creates (or replaces) {@code file}, writes the header, and flushes after every event. */
    public static RecordingWriter open(Path file, Map<String, String> metadata) throws IOException {
        return open(file, metadata, 1);
    }

    /** As {@link #open(Path, Map)}, flushing after every {@code flushEvery} events. */
    public static RecordingWriter open(Path file, Map<String, String> metadata, int flushEvery) throws IOException {
        if (flushEvery < 1) {
            throw new IllegalArgumentException("flushEvery must be at least 1, got " + flushEvery);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 16);
        RecordingWriter writer = new RecordingWriter(file, out, flushEvery);
        out.write(headerLine(RecordingHeader.now(metadata)));
        out.write('\n');
        out.flush();
        return writer;
    }

    static String headerLine(RecordingHeader header) {
        ObjectMapper json = EventCodec.mapper();
        ObjectNode node = json.createObjectNode()
                .put("format", header.format())
                .put("version", header.version())
                .put("created", header.created().toString());
        ObjectNode metadata = node.putObject("metadata");
        header.sortedMetadata().forEach(metadata::put);
        return node.toString();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void accept(MeshEvent event) {
        if (closed) {
            return; // e.g. a node still stopping after Ctrl-C closed the recording
        }
        String line = EventCodec.encode(event);
        try {
            out.write(line);
            out.write('\n');
            written++;
            if (++unflushed >= flushEvery) {
                out.flush();
                unflushed = 0;
            }
        } catch (IOException e) {
            stop(e);
        }
    }

    /** How many events have been written so far. */
    public synchronized long written() {
        return written;
    }

    /** Why the recording stopped early, if it did. */
    public synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Hands every buffered line to the operating system now. */
    public synchronized void flush() {
        if (!closed) {
            try {
                out.flush();
                unflushed = 0;
            } catch (IOException e) {
                stop(e);
            }
        }
    }

    private void stop(IOException e) {
        failure = e;
        closed = true;
        LOG.warn("recording to {} stopped after {} events: {}", file, written, e.toString());
        try {
            out.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one reported
        }
    }

    /** Flushes and closes the file; safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
        if (failure != null) {
            throw new IOException("recording to " + file + " failed after " + written + " events: " + failure.getMessage(),
                    failure);
        }
    }
}
