package io.meshbench.app.history;

import io.meshbench.history.HistoryStore;
import io.meshbench.history.TaskRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The History window's controller and model, without the toolkit: the reading runs inline. */
class HistoryControllerTest {

    @TempDir
    Path dir;

    static final long NOW = 1_800_000_000_000L;

    private static TaskRecord task(int i, String device, boolean npu, String strategy, String status, double latencyMs,
                                   long openedMs) {
        return new TaskRecord("task_" + i, "Device_A", openedMs, device, npu, status, null, latencyMs, latencyMs - 10,
                10, 24, strategy, "rule", 3, i % 4 == 0 ? "high" : "normal", i % 5 == 0 ? 250.0 : null, 0,
                latencyMs - 20, "live");
    }

    private HistoryController controller() {
        return new HistoryController(Runnable::run, Runnable::run, () -> NOW);
    }

    @Test
    void tablesAndPlotsFromTheHistoryFile() {
        Path db = dir.resolve("h.db");
        List<TaskRecord> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(task(i, i % 2 == 0 ? "Device_B" : "Device_C", i % 2 == 0, i < 50 ? "npu-first" : "fastest-expected",
                    i == 7 ? "failed" : "completed", 100 + i, NOW - 3_600_000L + i * 1000));
        }
        rows.add(task(1000, "Device_B", true, "npu-first", "completed", 5000, NOW - 10 * 86_400_000L));
        try (HistoryStore store = HistoryStore.open(db)) {
            store.insert(rows);
        }
        HistoryController c = controller();
        c.load(db, "all time");
        assertEquals(List.of("Device_B", "Device_C"), c.model.devices.stream().map(HistoryController.Row::key).toList());
        HistoryController.Row b = c.model.devices.getFirst();
        assertEquals("NPU", b.unit());
        assertEquals("51", b.tasks());
        assertEquals("5.00 s", b.p99(), "the old slow task counts over all time");
        assertEquals(List.of("fastest-expected", "npu-first"), c.model.strategies.stream().map(HistoryController.Row::key).toList());
        assertEquals("98.0%", c.model.strategies.get(1).success(), "49 of 50 (one failed)");
        assertEquals(List.of("high", "normal"), c.model.priorities.stream().map(HistoryController.Row::key).toList());
        assertEquals(2, c.model.overTime.size());
        assertTrue(c.model.status.get().contains("101 tasks, all time"), c.model.status.get());

        c.load(db, "last 24 hours");
        assertEquals("50", c.model.devices.getFirst().tasks());
        assertTrue(c.model.devices.getFirst().p99Ms() < 1000, "p99 " + c.model.devices.getFirst().p99());
        List<HistoryController.Point> npuFirst = c.model.overTime.get("npu-first");
        assertTrue(npuFirst.size() >= 10 && npuFirst.size() <= HistoryController.BUCKETS, "" + npuFirst.size());
        assertTrue(npuFirst.getFirst().timeMs() < npuFirst.getLast().timeMs());
    }

    @Test
    void aFileThatCannotBeReadIsOneLineInTheWindow() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "not a database ".repeat(500));
        HistoryController c = controller();
        c.load(junk, "all time");
        assertTrue(c.model.status.get().startsWith("⚠ " + junk + " is not a MeshBench history"), c.model.status.get());
        assertTrue(c.model.devices.isEmpty());
    }
}
