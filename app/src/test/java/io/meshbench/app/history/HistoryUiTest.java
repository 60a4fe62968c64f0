package io.meshbench.app.history;

import io.meshbench.app.FxViews;
import io.meshbench.history.HistoryStore;
import io.meshbench.history.TaskRecord;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.meshbench.app.FxViews.onFx;
import static io.meshbench.app.FxViews.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The History window, headless on Monocle: tables and plots from a real history file; a bad file's one line. */
class HistoryUiTest {

    private static final FxRobot robot = new FxRobot();
    private final List<HistoryWindow> opened = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxViews.toolkit();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> opened.forEach(w -> w.stage().close())).get(FxViews.FX_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private HistoryWindow open(Path file) throws Exception {
        HistoryWindow w = onFx(() -> HistoryWindow.open(file));
        opened.add(w);
        return w;
    }

    @Test
    void showsEachDeviceStrategyAndPriorityWithPlots() throws Exception {
        Path db = dir.resolve("h.db");
        long now = System.currentTimeMillis();
        List<TaskRecord> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(new TaskRecord("task_" + i, "Device_A", now - 600_000 + i * 10_000L, i % 3 == 0 ? "Device_C" : "Device_B",
                    i % 3 != 0, "completed", null, 800.0 + i, 750.0, 10, 24, i < 30 ? "npu-first" : "least-finish", "r", 2,
                    i % 2 == 0 ? "high" : "low", null, 0, 700.0, "live"));
        }
        try (HistoryStore store = HistoryStore.open(db)) {
            store.insert(rows);
        }
        HistoryWindow w = open(db);
        await("the file is read", () -> onFx(() -> robot.lookup("#history-status").queryAs(Label.class).getText()
                .contains("60 tasks")));
        assertEquals(2, onFx(() -> robot.lookup("#history-devices").queryAs(TableView.class).getItems().size()));
        assertEquals(2, onFx(() -> robot.lookup("#history-strategies").queryAs(TableView.class).getItems().size()));
        assertEquals(2, onFx(() -> robot.lookup("#history-priorities").queryAs(TableView.class).getItems().size()));
        assertEquals(3, onFx(() -> robot.lookup("#history-per-device").queryAs(BarChart.class).getData().size()),
                "p50, p95, p99");
        assertEquals(2, onFx(() -> robot.lookup("#history-over-time").queryAs(LineChart.class).getData().size()),
                "one line per strategy");

        // The last hour still holds every task; Refresh reads again.
        onFx(() -> {
            robot.lookup("#history-window").queryAs(ComboBox.class).setValue("last hour");
            robot.lookup("#history-refresh").queryAs(Button.class).fire();
            return null;
        });
        await("read again over the last hour", () -> onFx(() -> robot.lookup("#history-status").queryAs(Label.class)
                .getText().contains("60 tasks, last hour")));
    }

    @Test
    void aFileThatIsNotAHistoryIsOneLine() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "not a database ".repeat(500));
        open(junk);
        await("the error is shown", () -> onFx(() -> robot.lookup("#history-status").queryAs(Label.class).getText()
                .startsWith("⚠ " + junk + " is not a MeshBench history")));
        assertTrue(onFx(() -> robot.lookup("#history-devices").queryAs(TableView.class).getItems().isEmpty()));
    }
}
