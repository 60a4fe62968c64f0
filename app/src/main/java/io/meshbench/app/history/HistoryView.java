package io.meshbench.app.history;

import javafx.collections.MapChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/** The History window: the file and time window on top, the tables on the left, the plots on the right. */
final class HistoryView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final HistoryModel model;
    private final BarChart<String, Number> perDevice;
    private final LineChart<Number, Number> overTime;

    HistoryView(HistoryController controller, HistoryModel model) {
        this.model = model;
        setId("history-view");
        TextField file = new TextField();
        file.textProperty().bindBidirectional(model.file);
        file.setId("history-file");
        HBox.setHgrow(file, Priority.ALWAYS);
        ComboBox<String> window = new ComboBox<>();
        window.getItems().setAll(HistoryController.WINDOWS.keySet());
        window.valueProperty().bindBidirectional(model.window);
        window.setId("history-window");
        Button refresh = new Button("Refresh");
        refresh.setId("history-refresh");
        refresh.setDefaultButton(true);
        refresh.setOnAction(e -> controller.load(Path.of(model.file.get()), model.window.get()));
        HBox bar = new HBox(8, new Label("History file"), file, new Label("over"), window, refresh);
        bar.setPadding(new Insets(8));
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.setId("history-status");
        status.setPadding(new Insets(0, 8, 8, 8));
        setTop(new VBox(bar, status));

        TableView<HistoryController.Row> devices = table("history-devices", model.devices, "device", "tokens/s", true);
        TableView<HistoryController.Row> strategies = table("history-strategies", model.strategies, "strategy", "NPU", false);
        VBox tables = new VBox(6,
                new Label("Per device and unit"), devices,
                new Label("Per strategy"), strategies,
                new Label("Per priority"), table("history-priorities", model.priorities, "priority", "NPU", false));
        VBox.setVgrow(devices, Priority.ALWAYS);
        VBox.setVgrow(strategies, Priority.SOMETIMES);
        tables.setPadding(new Insets(0, 8, 8, 8));

        perDevice = new BarChart<>(new CategoryAxis(), new NumberAxis());
        perDevice.setTitle("Latency per device (p50, p95, p99), ms");
        perDevice.setAnimated(false);
        perDevice.setId("history-per-device");
        NumberAxis time = new NumberAxis();
        time.setForceZeroInRange(false);
        time.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return TIME.format(Instant.ofEpochMilli(n.longValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        overTime = new LineChart<>(time, new NumberAxis());
        overTime.setTitle("p95 latency over time, per strategy, ms");
        overTime.setAnimated(false);
        overTime.setId("history-over-time");
        VBox plots = new VBox(6, perDevice, overTime);
        VBox.setVgrow(perDevice, Priority.ALWAYS);
        VBox.setVgrow(overTime, Priority.ALWAYS);
        SplitPane split = new SplitPane(tables, plots);
        split.setDividerPositions(0.55);
        setCenter(split);

        model.devices.addListener((ListChangeListener<HistoryController.Row>) c -> redrawDevices());
        model.overTime.addListener((MapChangeListener<String, List<HistoryController.Point>>) c -> redrawOverTime());
    }

    private static TableView<HistoryController.Row> table(String id, javafx.collections.ObservableList<HistoryController.Row> rows,
                                                          String key, String last, boolean unit) {
        TableView<HistoryController.Row> t = new TableView<>(rows);
        t.setId(id);
        t.getColumns().add(column(key, HistoryController.Row::key, 150));
        if (unit) {
            t.getColumns().add(column("unit", HistoryController.Row::unit, 50));
        }
        t.getColumns().add(column("tasks", HistoryController.Row::tasks, 70));
        t.getColumns().add(column("success", HistoryController.Row::success, 70));
        t.getColumns().add(column("p50", HistoryController.Row::p50, 80));
        t.getColumns().add(column("p95", HistoryController.Row::p95, 80));
        t.getColumns().add(column("p99", HistoryController.Row::p99, 80));
        t.getColumns().add(column(last, HistoryController.Row::tokensOrNpu, 70));
        t.getColumns().add(column("queue p99", HistoryController.Row::queueP99, 80));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPrefHeight(unit ? 300 : 150);
        t.setMinHeight(unit ? 160 : 120);
        return t;
    }

    private static TableColumn<HistoryController.Row, String> column(String title,
                                                                    Function<HistoryController.Row, String> value, double width) {
        TableColumn<HistoryController.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private void redrawDevices() {
        XYChart.Series<String, Number> p50 = new XYChart.Series<>();
        p50.setName("p50");
        XYChart.Series<String, Number> p95 = new XYChart.Series<>();
        p95.setName("p95");
        XYChart.Series<String, Number> p99 = new XYChart.Series<>();
        p99.setName("p99");
        for (HistoryController.Row r : model.devices) {
            String label = r.key() + (r.unit().equals("-") ? "" : " " + r.unit());
            p50.getData().add(new XYChart.Data<>(label, r.p50Ms()));
            p95.getData().add(new XYChart.Data<>(label, r.p95Ms()));
            p99.getData().add(new XYChart.Data<>(label, r.p99Ms()));
        }
        perDevice.getData().setAll(List.of(p50, p95, p99));
    }

    private void redrawOverTime() {
        List<XYChart.Series<Number, Number>> all = new java.util.ArrayList<>();
        new java.util.TreeMap<>(model.overTime).forEach((strategy, points) -> {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(strategy);
            points.forEach(p -> s.getData().add(new XYChart.Data<>(p.timeMs(), p.p95Ms())));
            all.add(s);
        });
        overTime.getData().setAll(all);
    }
}
