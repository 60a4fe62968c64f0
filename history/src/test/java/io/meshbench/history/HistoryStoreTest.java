package io.meshbench.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The history file: schema and migrations, and files that are not a MeshBench history. */
class HistoryStoreTest {

    @TempDir
    Path dir;

    static TaskRecord row(String taskId, String orchestrator, long openedMs, String device, boolean npu, double latencyMs) {
        return new TaskRecord(taskId, orchestrator, openedMs, device, npu, "completed", null, latencyMs, latencyMs - 50,
                12, 24, "npu-first", "NPU Priority", 3, "normal", null, 0, latencyMs - 60, "test");
    }

    @Test
    void anEmptyFileGetsTheWholeSchema() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.db"));
        try (HistoryStore store = HistoryStore.open(file)) {
            assertEquals(Schema.VERSION, store.version());
            store.insert(List.of(row("task_1", "Device_A", 1000, "Device_B", true, 850)));
            assertEquals(1, store.count());
            assertEquals(row("task_1", "Device_A", 1000, "Device_B", true, 850), store.tasks(0, 2000).getFirst());
            assertEquals("ok", store.integrityCheck());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(Schema.APPLICATION_ID, HistoryStore.pragma(c, "application_id"));
            try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", rs.getString(1));
            }
        }
    }

    @Test
    void aFileThatDoesNotExistIsCreatedWithItsFolder() {
        Path file = dir.resolve("a/b/history.db");
        try (HistoryStore store = HistoryStore.open(file)) {
            assertEquals(0, store.count());
        }
        assertTrue(Files.exists(file));
    }

    @Test
    void aFileOfThePreviousSchemaIsMigratedAndKeepsItsRows() throws Exception {
        Path file = dir.resolve("v1.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : Schema.MIGRATIONS.getFirst()) {
                s.execute(sql);
            }
            s.execute("PRAGMA user_version = 1");
            s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
            s.execute("INSERT INTO tasks (task_id, orchestrator, opened_ms, device, npu, status, latency_ms, "
                    + "execution_ms, prompt_tokens, generated_tokens) VALUES ('task_old', 'Device_A', 500, 'Device_B', 1, "
                    + "'completed', 900.0, 850.0, 10, 24)");
        }
        try (HistoryStore store = HistoryStore.open(file)) {
            assertEquals(2, store.version());
            TaskRecord old = store.tasks(0, 1000).getFirst();
            assertEquals("task_old", old.taskId());
            assertEquals(900.0, old.latencyMs());
            assertEquals(Boolean.TRUE, old.npu());
            assertNull(old.strategy(), "columns of schema 2 are empty for older rows");
            assertNull(old.source());
            store.insert(List.of(row("task_new", "Device_A", 600, "Device_C", false, 1200)));
            assertEquals(2, store.count());
        }
        try (HistoryStore again = HistoryStore.open(file)) {
            assertEquals(2, again.version(), "opening an up-to-date file changes nothing");
            assertEquals(2, again.count());
        }
    }

    @Test
    void aCorruptFileIsRefusedNamingItAndWhatToDo() throws Exception {
        Path file = dir.resolve("corrupt.db");
        byte[] junk = new byte[8192];
        new SplittableRandom(1).nextBytes(junk);
        Files.write(file, junk);
        HistoryException e = assertThrows(HistoryException.class, () -> HistoryStore.open(file));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath() + " is not a MeshBench history: it is not a SQLite "
                + "database, or it is damaged"), e.getMessage());
        assertTrue(e.getMessage().contains("Move it away (MeshBench then starts a new history there) or give another "
                + "file with --history FILE"), e.getMessage());
        assertArrayEquals(junk, Files.readAllBytes(file), "the file is left as it was");
    }

    @Test
    void aDamagedHistoryIsRefusedToo() throws Exception {
        Path file = dir.resolve("damaged.db");
        try (HistoryStore store = HistoryStore.open(file)) {
            store.insert(List.of(row("task_1", "Device_A", 1000, "Device_B", true, 850)));
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < 16; i++) {
            bytes[i] = 'x'; // the header's magic string
        }
        Files.write(file, bytes);
        HistoryException e = assertThrows(HistoryException.class, () -> HistoryStore.open(file));
        assertTrue(e.getMessage().contains(file.toAbsolutePath() + " is not a MeshBench history"), e.getMessage());
    }

    @Test
    void aSqliteFileOfAnotherProgramIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("shop.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)");
        }
        byte[] before = Files.readAllBytes(file);
        HistoryException e = assertThrows(HistoryException.class, () -> HistoryStore.open(file));
        assertEquals(file.toAbsolutePath() + " is a SQLite database of another program (tables: customers, orders), "
                + "not a MeshBench history; give another file with --history FILE", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aHistoryOfANewerMeshBenchIsRefused() throws Exception {
        Path file = dir.resolve("future.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tasks (id INTEGER PRIMARY KEY)");
            s.execute("PRAGMA user_version = 99");
            s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
        }
        HistoryException e = assertThrows(HistoryException.class, () -> HistoryStore.open(file));
        assertEquals(file.toAbsolutePath() + " was written by a newer MeshBench (history schema 99; this one knows up to "
                + Schema.VERSION + "); use that MeshBench, or give another file with --history FILE", e.getMessage());
    }
}
