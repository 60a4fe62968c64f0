package io.meshbench.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The history file: SQLite in WAL mode (a reader never blocks the writer; several processes may
 * write, each waiting its turn for up to {@value #BUSY_TIMEOUT_MS} ms), schema brought up to date
 * on open ({@link Schema}), rows written in transactions, so that a process killed at any moment
 * leaves every committed row and a readable file. One connection; not for use by several threads
 * at once (the {@link HistoryRecorder} writes from one thread of its own).
 */
public final class HistoryStore implements AutoCloseable {

    static final int BUSY_TIMEOUT_MS = 30_000;

    private static final String COLUMNS = "task_id, orchestrator, opened_ms, device, npu, status, reason, latency_ms, "
            + "execution_ms, prompt_tokens, generated_tokens, strategy, rule, bids, priority, queue_wait_ms, ahead, "
            + "device_ms, source";

    private final Path file;
    private final Connection connection;

    private HistoryStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** {@code ~/.meshbench/history.db}, or {@code $MESHBENCH_HISTORY} when set to a path. */
    public static Path defaultPath() {
        String env = System.getenv("MESHBENCH_HISTORY");
        if (env != null && !env.isBlank() && !env.equalsIgnoreCase("off")) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".meshbench", "history.db");
    }

    /** Whether {@code $MESHBENCH_HISTORY} turns live recording off. */
    public static boolean offByEnvironment() {
        return "off".equalsIgnoreCase(System.getenv("MESHBENCH_HISTORY"));
    }

    /**
     * Opens (or creates) the history in {@code file} and brings its schema up to date. A file that is
     * not SQLite, is damaged, belongs to another program or was written by a newer MeshBench is
     * refused with a {@link HistoryException} that names it and says what to do.
     */
    public static HistoryStore open(Path file) {
        Path abs = file.toAbsolutePath();
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
        } catch (IOException e) {
            throw new HistoryException("cannot create the folder of the history file " + abs + ": " + e.getMessage()
                    + "; give a writable place with --history FILE", e);
        }
        Connection c;
        try {
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            // Every transaction takes the write lock at its start: two writers wait for each other
            // (busy_timeout) instead of failing when one would upgrade a read to a write.
            config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
            c = DriverManager.getConnection("jdbc:sqlite:" + abs, config.toProperties());
        } catch (SQLException e) {
            throw new HistoryException("cannot open the history file " + abs + ": " + e.getMessage()
                    + "; check its permissions, or give another with --history FILE", e);
        }
        try {
            check(abs, c);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
            }
            migrate(abs, c);
            return new HistoryStore(abs, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw damaged(abs, e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static HistoryException damaged(Path file, SQLException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("NOTADB") || msg.contains("not a database") || msg.contains("CORRUPT")
                || msg.contains("malformed")) {
            return new HistoryException(file + " is not a MeshBench history: it is not a SQLite database, or it is "
                    + "damaged (" + msg + "). Move it away (MeshBench then starts a new history there) or give "
                    + "another file with --history FILE", e);
        }
        return new HistoryException("cannot use the history file " + file + ": " + msg
                + "; give another file with --history FILE", e);
    }

    /** Refuses a file of another program or of a newer MeshBench, before anything is written to it. */
    private static void check(Path file, Connection c) throws SQLException {
        int appId = pragma(c, "application_id");
        int version = pragma(c, "user_version");
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (appId == 0 && !tables.isEmpty()) {
            throw new HistoryException(file + " is a SQLite database of another program (tables: "
                    + String.join(", ", tables.subList(0, Math.min(5, tables.size()))) + "), not a MeshBench history; "
                    + "give another file with --history FILE");
        }
        if (appId != 0 && appId != Schema.APPLICATION_ID) {
            throw new HistoryException(file + " is a SQLite database of another program (application id 0x"
                    + Integer.toHexString(appId) + "), not a MeshBench history; give another file with --history FILE");
        }
        if (version > Schema.VERSION) {
            throw new HistoryException(file + " was written by a newer MeshBench (history schema " + version
                    + "; this one knows up to " + Schema.VERSION + "); use that MeshBench, or give another file "
                    + "with --history FILE");
        }
    }

    private static void migrate(Path file, Connection c) throws SQLException {
        // An immediate transaction takes the write lock first: two processes opening a new file migrate it once.
        c.setAutoCommit(false);
        try {
            int version = pragma(c, "user_version");
            for (int v = version; v < Schema.VERSION; v++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : Schema.MIGRATIONS.get(v)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + (v + 1));
                    s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static int pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    public Path file() {
        return file;
    }

    /** The schema version of the file (after migration: {@link Schema#VERSION}). */
    public int version() {
        try {
            return pragma(connection, "user_version");
        } catch (SQLException e) {
            throw damaged(file, e);
        }
    }

    /** Writes {@code records} in one transaction: all of them, or (when it throws) none. */
    public void insert(List<TaskRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO tasks (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (TaskRecord r : records) {
                    int i = 1;
                    ps.setString(i++, r.taskId());
                    ps.setString(i++, r.orchestrator());
                    ps.setLong(i++, r.openedMs());
                    ps.setString(i++, r.device());
                    setInt(ps, i++, r.npu() == null ? null : r.npu() ? 1 : 0);
                    ps.setString(i++, r.status());
                    ps.setString(i++, r.reason());
                    setDouble(ps, i++, r.latencyMs());
                    setDouble(ps, i++, r.executionMs());
                    setInt(ps, i++, r.promptTokens());
                    setInt(ps, i++, r.generatedTokens());
                    ps.setString(i++, r.strategy());
                    ps.setString(i++, r.rule());
                    setInt(ps, i++, r.bids());
                    ps.setString(i++, r.priority());
                    setDouble(ps, i++, r.queueWaitMs());
                    setInt(ps, i++, r.ahead());
                    setDouble(ps, i++, r.deviceMs());
                    ps.setString(i, r.source());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the first error is the one to report
            }
            throw damaged(file, e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // closed underneath us: the next call reports it
            }
        }
    }

    /** Tasks that opened from {@code sinceMs} to {@code untilMs} (inclusive, ms since the epoch), oldest first. */
    public List<TaskRecord> tasks(long sinceMs, long untilMs) {
        List<TaskRecord> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM tasks WHERE opened_ms BETWEEN ? AND ? ORDER BY opened_ms, id")) {
            ps.setLong(1, sinceMs);
            ps.setLong(2, untilMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
        } catch (SQLException e) {
            throw damaged(file, e);
        }
        return out;
    }

    /**
     * What a live orchestrator's forecast learns from: the newest {@code limit} completed tasks of
     * live meshes, recordings and phones' logs (not scenarios, whose devices are simulated) that
     * opened from {@code sinceMs} to {@code untilMs}, with a device, its unit and a run time; oldest first.
     */
    public List<TaskRecord> forecastRows(long sinceMs, long untilMs, int limit) {
        List<TaskRecord> newestFirst = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE opened_ms "
                + "BETWEEN ? AND ? AND status = 'completed' AND device IS NOT NULL AND npu IS NOT NULL AND execution_ms "
                + "IS NOT NULL AND (source IS NULL OR source <> 'scenario') ORDER BY opened_ms DESC, id DESC LIMIT ?")) {
            ps.setLong(1, sinceMs);
            ps.setLong(2, untilMs);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    newestFirst.add(record(rs));
                }
            }
        } catch (SQLException e) {
            throw damaged(file, e);
        }
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Rows in the file. */
    public long count() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM tasks")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw damaged(file, e);
        }
    }

    /** SQLite's own check of the whole file: {@code ok}, or what is wrong. */
    public String integrityCheck() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw damaged(file, e);
        }
    }

    private static TaskRecord record(ResultSet rs) throws SQLException {
        return new TaskRecord(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                rs.getObject(5) == null ? null : rs.getInt(5) == 1, rs.getString(6), rs.getString(7),
                dbl(rs, 8), dbl(rs, 9), integer(rs, 10), integer(rs, 11), rs.getString(12),
                rs.getString(13), integer(rs, 14), rs.getString(15), dbl(rs, 16), integer(rs, 17),
                dbl(rs, 18), rs.getString(19));
    }

    private static Double dbl(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null || v.isNaN()) {
            ps.setNull(i, Types.REAL);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing with a better message
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }
}
