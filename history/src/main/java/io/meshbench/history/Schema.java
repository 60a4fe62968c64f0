package io.meshbench.history;

import java.util.List;

/**
 * The history file's schema, versioned with SQLite's {@code user_version}: version N is reached by
 * running migrations 1 to N in order, each in one transaction, so a file of any earlier version (or
 * an empty one) is brought up to date when it is opened, and a file is never left half-migrated.
 * {@code application_id} marks the file as MeshBench's, so a foreign SQLite file is told apart.
 */
final class Schema {

    /** "MBHS" in ASCII: MeshBench history. */
    static final int APPLICATION_ID = 0x4D424853;

    /** The migrations, in order: index 0 makes version 1. Append, never edit a released one. */
    static final List<List<String>> MIGRATIONS = List.of(
            // 1: tasks, one row each, as they ended
            List.of("""
                    CREATE TABLE tasks (
                      id INTEGER PRIMARY KEY,
                      task_id TEXT NOT NULL,
                      orchestrator TEXT NOT NULL,
                      opened_ms INTEGER NOT NULL,
                      device TEXT,
                      npu INTEGER,
                      status TEXT NOT NULL,
                      reason TEXT,
                      latency_ms REAL,
                      execution_ms REAL,
                      prompt_tokens INTEGER,
                      generated_tokens INTEGER)""",
                    "CREATE INDEX tasks_opened ON tasks(opened_ms)"),
            // 2: each task's auction (strategy, rule, bids), its queueing and priority, where it came from
            List.of("ALTER TABLE tasks ADD COLUMN strategy TEXT",
                    "ALTER TABLE tasks ADD COLUMN rule TEXT",
                    "ALTER TABLE tasks ADD COLUMN bids INTEGER",
                    "ALTER TABLE tasks ADD COLUMN priority TEXT",
                    "ALTER TABLE tasks ADD COLUMN queue_wait_ms REAL",
                    "ALTER TABLE tasks ADD COLUMN ahead INTEGER",
                    "ALTER TABLE tasks ADD COLUMN device_ms REAL",
                    "ALTER TABLE tasks ADD COLUMN source TEXT",
                    "CREATE INDEX tasks_device ON tasks(device, npu, opened_ms)"));

    static final int VERSION = MIGRATIONS.size();

    private Schema() {
    }
}
