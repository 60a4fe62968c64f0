package io.meshbench.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.meshbench.event.MeshEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads recordings written by {@link RecordingWriter}, whole or as a stream. A file that ends in
 * the middle of a line (a run stopped while writing) is read up to its last whole event and the
 * cut is reported; anything else that is wrong (not a recording, another format version, a broken
 * line before the end) is refused with the file, the line and what is wrong.
 */
public final class RecordingReader {

    /** What a streamed read found besides the events. */
    public record Result(RecordingHeader header, long events, Optional<String> truncation, List<String> warnings) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 80;

    private RecordingReader() {
    }

    /** Reads the whole recording into memory. */
    public static Recording read(Path file) throws IOException {
        List<MeshEvent> events = new ArrayList<>();
        Result result = stream(file, events::add);
        return new Recording(file, result.header(), events, result.truncation(), result.warnings());
    }

    /** Reads only the header line. */
    public static RecordingHeader header(Path file) throws IOException {
        try (BufferedReader in = open(file)) {
            String first = in.readLine();
            return parseHeader(file, first, in.readLine() == null && !endsWithNewline(file));
        }
    }

    /** Hands every whole event to {@code sink}, in file order, without keeping them. */
    public static Result stream(Path file, Consumer<? super MeshEvent> sink) throws IOException {
        boolean terminated = endsWithNewline(file);
        try (BufferedReader in = open(file)) {
            String line = in.readLine();
            String next = line == null ? null : in.readLine();
            RecordingHeader header = parseHeader(file, line, next == null && !terminated);
            long number = 1;
            long events = 0;
            List<String> warnings = new ArrayList<>();
            Optional<String> truncation = Optional.empty();
            while (next != null) {
                line = next;
                next = in.readLine();
                number++;
                if (line.isBlank()) {
                    continue;
                }
                boolean cut = next == null && !terminated;
                try {
                    sink.accept(EventCodec.decode(line, header.version()));
                    events++;
                } catch (InvalidTypeIdException e) {
                    if (cut) {
                        truncation = Optional.of(cutMessage(file, number, events));
                    } else if (e.getTypeId() == null || e.getTypeId().isEmpty()) {
                        throw new RecordingFormatException(file, number, "the event has no \"" + EventCodec.kindField(header.version()) + "\" field: "
                                + excerpt(line));
                    } else {
                        warnings.add(file + ":" + number + ": skipped an event of type \"" + e.getTypeId()
                                + "\", which this MeshBench does not know (a newer MeshBench wrote it?)");
                    }
                } catch (JsonProcessingException e) {
                    if (cut) {
                        truncation = Optional.of(cutMessage(file, number, events));
                    } else {
                        throw new RecordingFormatException(file, number, "not a valid event ("
                                + e.getOriginalMessage().lines().findFirst().orElse("") + "): " + excerpt(line));
                    }
                }
            }
            return new Result(header, events, truncation, warnings);
        }
    }

    private static String cutMessage(Path file, long line, long events) {
        return file + ":" + line + ": the last line is cut short (the run stopped while writing it); read the "
                + events + " whole events before it";
    }

    private static BufferedReader open(Path file) throws IOException {
        check(file);
        // Malformed UTF-8 is replaced, not thrown: the broken line then fails as JSON with its number.
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    }

    private static void check(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such recording; give the path of a "
                    + "file written with --record");
        }
        if (Files.isDirectory(file)) {
            throw new RecordingFormatException(file, 0, "is a folder, not a recording");
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        check(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length == 0) {
                return true;
            }
            raf.seek(length - 1);
            return raf.read() == '\n';
        }
    }

    private static RecordingHeader parseHeader(Path file, String line, boolean cut) throws IOException {
        String expected = "a MeshBench recording starts with a line like {\"format\": \"" + RecordingHeader.FORMAT
                + "\", \"version\": " + RecordingHeader.VERSION + ", ...}";
        if (line == null || line.isBlank()) {
            throw new RecordingFormatException(file, 1, "the file is empty; " + expected);
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new RecordingFormatException(file, 1, cut
                    ? "the header line is cut short: the run stopped before recording anything"
                    : "not a MeshBench recording: the first line is not JSON (" + excerpt(line) + "); " + expected);
        }
        if (node == null || !node.isObject() || !RecordingHeader.FORMAT.equals(node.path("format").asText(null))) {
            throw new RecordingFormatException(file, 1, "not a MeshBench recording: the first line has "
                    + (node != null && node.isObject() && node.has("format")
                    ? "\"format\": " + node.get("format") : "no \"format\" field") + "; " + expected);
        }
        JsonNode version = node.path("version");
        if (!version.isInt()) {
            throw new RecordingFormatException(file, 1, "the header's \"version\" must be a whole number, got "
                    + (version.isMissingNode() ? "nothing" : version.toString()));
        }
        if (version.intValue() < RecordingHeader.OLDEST_VERSION || version.intValue() > RecordingHeader.VERSION) {
            throw new RecordingFormatException(file, 1, "recording format version " + version.intValue()
                    + (version.intValue() > RecordingHeader.VERSION
                    ? " is newer than this MeshBench reads (" + RecordingHeader.VERSION + "); read it with a newer MeshBench"
                    : " is not one this MeshBench reads (it reads versions " + RecordingHeader.OLDEST_VERSION + " to "
                    + RecordingHeader.VERSION + ")"));
        }
        Instant created;
        try {
            created = Instant.parse(node.path("created").asText(""));
        } catch (DateTimeParseException e) {
            throw new RecordingFormatException(file, 1, "the header's \"created\" must be an ISO-8601 instant "
                    + "such as 2025-01-31T12:00:00Z, got " + node.path("created"));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        node.path("metadata").properties().forEach(e -> metadata.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return new RecordingHeader(RecordingHeader.FORMAT, version.intValue(), created, metadata);
    }

    private static String excerpt(String line) {
        return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "...";
    }
}
