package io.meshbench.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The history file under real processes: one killed with SIGKILL while writing, two writing at once. */
class HistoryProcessesTest {

    @TempDir
    Path dir;

    private static Process writer(Path file, String label, long batches, int size) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HistoryWriterMain.class.getName(), file.toString(), label,
                Long.toString(batches), Integer.toString(size)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertEquals("ready", first, "the writer process started");
        Thread.ofVirtual().start(() -> out.lines().forEach(line -> System.out.println("[" + label + "] " + line)));
        return p;
    }

    @Test
    void killDashNineDuringHeavyWritesLeavesAReadableFileWithWholeTransactions() throws Exception {
        Path file = dir.resolve("history.db");
        Process p = writer(file, "killed", -1, 50);
        long seen = 0;
        try (HistoryStore reader = HistoryStore.open(file)) {
            // A reader beside the writer (WAL): wait, without sleeping blind, until it has committed a lot.
            for (int i = 0; i < 600 && seen < 5_000; i++) {
                seen = reader.count();
                p.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        assertTrue(seen >= 5_000, "the writer committed " + seen + " rows");
        assertTrue(p.isAlive(), "still writing when killed");
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close, mid-transaction
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by signal 9");
        try (HistoryStore store = HistoryStore.open(file)) {
            assertEquals("ok", store.integrityCheck());
            long rows = store.count();
            assertTrue(rows >= seen, rows + " rows after the kill, " + seen + " seen before it");
            assertEquals(0, rows % 50, "only whole transactions of 50 rows: " + rows);
            assertEquals(rows, store.tasks(0, Long.MAX_VALUE).size(), "every row reads back");
            store.insert(List.of(HistoryStoreTest.row("after", "A", 1, "B", true, 1.0)));
            assertEquals(rows + 1, store.count(), "and it takes new rows");
        }
    }

    @Test
    void twoProcessesWritingAtOnceLoseNothing() throws Exception {
        Path file = dir.resolve("shared.db");
        Process a = writer(file, "alpha", 400, 10);
        Process b = writer(file, "beta", 400, 10);
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS), "both finished");
        assertEquals(0, a.exitValue(), "alpha exit code");
        assertEquals(0, b.exitValue(), "beta exit code");
        try (HistoryStore store = HistoryStore.open(file)) {
            List<TaskRecord> rows = store.tasks(0, Long.MAX_VALUE);
            assertEquals(8_000, rows.size());
            assertEquals(4_000, rows.stream().filter(r -> r.orchestrator().equals("alpha")).count());
            assertEquals(4_000, rows.stream().filter(r -> r.orchestrator().equals("beta")).count());
            assertEquals("ok", store.integrityCheck());
        }
    }
}
