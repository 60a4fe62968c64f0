package io.meshbench.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task ids a device has taken, kept in a file for a window (a day by default), so that a
 * replayed TASK does not run twice even after the device restarts. One line per task,
 * {@code MILLIS ORCHESTRATOR TASK_ID}; compacted to the window when opened; at most
 * {@value #MAX_ENTRIES} remembered. Thread-safe.
 */
public final class TaskJournal {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(1);
    static final int MAX_ENTRIES = 100_000;

    private final Path file;
    private final Duration window;
    private final Map<String, Long> seen = new LinkedHashMap<>();

    private TaskJournal(Path file, Duration window) {
        this.file = file;
        this.window = window;
    }

    /** Opens (or creates) the journal in {@code file}, forgetting what is older than {@code window}. */
    public static TaskJournal open(Path file, Duration window) throws IOException {
        TaskJournal journal = new TaskJournal(file, window);
        long oldest = System.currentTimeMillis() - window.toMillis();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].matches("\\d{1,19}") && Long.parseLong(f[0]) >= oldest) {
                    journal.remember(f[1] + " " + f[2], Long.parseLong(f[0]));
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        StringBuilder compact = new StringBuilder();
        journal.seen.forEach((key, at) -> compact.append(at).append(' ').append(key).append('\n'));
        Files.writeString(file, compact, StandardCharsets.UTF_8);
        return journal;
    }

    /**
     * Records that {@code orchestrator}'s task {@code taskId} is taken now; returns {@code null}, or
     * why it must not run (it was taken within the window).
     */
    public synchronized String admit(String orchestrator, String taskId) {
        long now = System.currentTimeMillis();
        String key = orchestrator + " " + taskId;
        Long before = seen.get(key);
        if (before != null && now - before <= window.toMillis()) {
            return "TASK " + taskId + " from " + orchestrator + " was already taken here at " + Instant.ofEpochMilli(before)
                    + " (a replay, or a resend after a restart); not run again";
        }
        remember(key, now);
        try {
            Files.writeString(file, now + " " + key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            return "cannot record TASK " + taskId + " in " + file + " (" + e.getMessage() + "), so it is not run: "
                    + "without the record a replay could run it twice";
        }
        return null;
    }

    private void remember(String key, long at) {
        seen.remove(key);
        seen.put(key, at);
        if (seen.size() > MAX_ENTRIES) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
