package io.meshbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code meshbench history} and the history kept by live meshes, each command in the launcher's own JVM. */
class HistoryCommandTest {

    @TempDir
    Path dir;

    private static String run(int expectedExit, String... args) throws Exception {
        try (Launcher l = Launcher.start(args)) {
            String out = l.finish(Duration.ofSeconds(90));
            assertEquals(expectedExit, l.exitCode(), String.join(" ", args) + ":\n" + out);
            return out;
        }
    }

    @Test
    void aLiveMeshKeepsItsTasksAndHistoryShowsThemPerDeviceAndStrategy() throws Exception {
        Path db = dir.resolve("h.db");
        run(0, "demo", "--history", db.toString(), "--json", "--prompt", "Describe a sunset");
        run(0, "demo", "--history", db.toString(), "--json", "--strategy", "least-finish", "--prompt", "Describe the sea");
        String table = run(0, "history", "--history", db.toString());
        assertTrue(table.contains("History " + db + ": 2 tasks"), table);
        assertTrue(table.matches("(?s).*\nDevice_B +NPU +2 +100\\.0% .*"), table);
        assertTrue(table.matches("(?s).*\nleast-finish +1 +100\\.0% .*"), table);
        assertTrue(table.matches("(?s).*\nnpu-first +1 +100\\.0% .*"), table);
        String csv = run(0, "history", "--history", db.toString(), "--csv", "--since", "1h", "--strategy", "least-finish");
        assertTrue(csv.startsWith("group,key,unit,tasks,completed,success_rate,p50_ms,p95_ms,p99_ms,tokens_per_s,"
                + "npu_share,queue_wait_p99_ms\ndevice,Device_B,NPU,1,1,1.0000,"), csv);
        String json = run(0, "history", "--history", db.toString(), "--json", "--device", "Device_C");
        assertTrue(json.contains("\"tasks\" : 0"), json);
        String old = run(0, "history", "--history", db.toString(), "--until", "2020-01-01");
        assertTrue(old.contains("0 tasks from the start to 2020-01-01T00:00:00Z") && old.contains("No tasks in this window"), old);
    }

    @Test
    void recordingsAndPhonesLogsAreImported() throws Exception {
        Path recording = dir.resolve("run.jsonl");
        run(0, "demo", "--json", "--record", recording.toString(), "--prompt", "Describe a sunset");
        Path log = dir.resolve("mesh_Device_B.log");
        Files.writeString(log, """
                2026-12-01T10:00:00.000Z\tSTART\tDevice_B\tport=9999\tpid=42\tdir=/data/local/tmp/mesh
                2026-12-01T10:00:01.000Z\tTASK_START\ttask_1_aa\tLaptop\tuse_npu=true
                2026-12-01T10:00:02.500Z\tTASK_DONE\ttask_1_aa\tcompleted\t1500\t
                2026-12-01T10:00:03.000Z\tTASK_START\ttask_2_bb\tLaptop\tuse_npu=true
                2026-12-01T10:00:03.100Z\tTASK_DONE\ttask_2_bb\tfailed\t100\tmodel exited with 1
                a line cut in the mid""");
        Path db = dir.resolve("imported.db");
        String out = run(0, "history", "--history", db.toString(), "--import", recording.toString(), "--import", log.toString());
        assertTrue(out.contains("imported 1 tasks from " + recording), out);
        assertTrue(out.contains("imported 2 tasks from " + log), out);
        assertTrue(out.contains("History " + db + ": 3 tasks"), out);
        assertTrue(out.matches("(?s).*\nDevice_B +NPU +3 +66\\.7% .*"), out);
        String phone = run(0, "history", "--history", db.toString(), "--source", "phone-log", "--csv");
        assertTrue(phone.contains("device,Device_B,NPU,2,1,0.5000,"), phone);
    }

    @Test
    void badFilesAndOptionsGetAClearErrorAndExitCode2() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not a database, just text that happens to be long enough ".repeat(200));
        String out = run(2, "history", "--history", junk.toString());
        assertTrue(out.contains("meshbench: " + junk + " is not a MeshBench history: it is not a SQLite database"), out);
        assertTrue(!out.contains("\tat "), out);
        out = run(2, "history", "--history", dir.resolve("x.db").toString(), "--since", "yesterday");
        assertTrue(out.contains("--since must be an age (30m, 24h, 7d), a date (2026-12-01) or an instant"), out);
        out = run(2, "history", "--history", dir.resolve("x.db").toString(), "--import", junk.toString());
        assertTrue(out.contains("--import " + junk + ": neither a MeshBench recording nor a phone agent's log"), out);
        // A live mesh with an unusable history file still runs, with one line of warning.
        out = run(0, "demo", "--history", junk.toString(), "--json", "--prompt", "Describe a sunset");
        assertTrue(out.contains("meshbench: history off for this run: " + junk + " is not a MeshBench history"), out);
        assertTrue(out.contains("\"status\":\"completed\""), out);
    }
}
