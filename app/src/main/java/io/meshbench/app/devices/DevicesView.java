package io.meshbench.app.devices;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/**
 * The phones table above the selected phone's NPU (evidence and the user's answer), setup's
 * settings and the agents' live log.
 */
final class DevicesView extends BorderPane {

    DevicesView(DevicesModel model, DevicesController controller) {
        getStyleClass().add("devices");
        Button refresh = button("Refresh", "phones-refresh", "List the attached phones again (adb devices)",
                controller::refresh);
        Button setup = button("Setup", "phones-setup", "Push the agent, each phone's config and peer list, and write "
                + "the device map (setup_mesh_direct.sh)", controller::setup);
        Button start = button("Start", "phones-start", "Start the agent on the selected phone (every phone when none is "
                + "selected)", controller::start);
        Button stop = button("Stop", "phones-stop", "Stop the agent on the selected phone (every phone when none is "
                + "selected)", controller::stop);
        ToggleButton follow = new ToggleButton("Follow logs");
        follow.setId("phones-follow");
        follow.setTooltip(new Tooltip("Tail every agent's log over adb into the mesh graph and sequence chart"));
        follow.selectedProperty().bindBidirectional(model.following);
        follow.setOnAction(e -> controller.follow(follow.isSelected()));
        for (Button b : List.of(refresh, setup, start, stop)) {
            b.disableProperty().bind(model.busy);
        }
        setup.getStyleClass().add("accent");
        Label message = new Label();
        message.setId("phones-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message);
        model.problem.addListener((o, a, bad) -> message.getStyleClass().setAll("label", bad ? "danger" : "text-muted"));
        message.getStyleClass().add("text-muted");
        HBox bar = new HBox(6, refresh, setup, start, stop, follow, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        HBox.setHgrow(message, Priority.ALWAYS);
        setTop(bar);

        TableView<PhoneRow> table = new TableView<>(model.phones);
        table.setId("phones-table");
        table.setPlaceholder(new Label("No phones listed: plug one in with USB debugging on (or adb connect HOST:PORT), "
                + "then Refresh"));
        table.getColumns().add(column("Serial", 150, PhoneRow::serial));
        table.getColumns().add(column("State", 80, PhoneRow::state));
        table.getColumns().add(column("Model", 120, PhoneRow::model));
        table.getColumns().add(column("Android", 60, PhoneRow::android));
        table.getColumns().add(column("ABI", 90, PhoneRow::abi));
        table.getColumns().add(column("Battery", 60, PhoneRow::batteryText));
        table.getColumns().add(column("Mesh id", 80, PhoneRow::meshId));
        table.getColumns().add(column("NPU", 100, PhoneRow::npu));
        table.getColumns().add(column("Agent", 90, PhoneRow::agent));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> controller.onSelected(row));
        model.selected.addListener((o, a, row) -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(row);
            }
        });

        Button detect = button("Detect NPU", "phones-detect", "Read the SoC properties and the vendor's NPU libraries",
                controller::detectNpu);
        detect.disableProperty().bind(model.busy.or(model.selected.isNull()));
        ComboBox<String> npu = new ComboBox<>();
        npu.setId("phones-npu");
        npu.getItems().addAll(DevicesModel.AUTO, "yes", "no");
        npu.valueProperty().bindBidirectional(model.npuChoice);
        npu.setOnAction(e -> controller.setNpu(npu.getValue()));
        npu.disableProperty().bind(model.selected.isNull());
        npu.setTooltip(new Tooltip("The selected phone's NPU at the next setup: detected, or your answer (kept)"));
        HBox npuBar = new HBox(6, detect, new Label("NPU at setup"), npu);
        npuBar.setAlignment(Pos.CENTER_LEFT);
        TextArea evidence = new TextArea();
        evidence.setId("phones-evidence");
        evidence.setEditable(false);
        evidence.setWrapText(true);
        evidence.setPromptText("Select a phone and Detect NPU to see the evidence; setup's report shows here too");
        evidence.textProperty().bind(model.evidence);
        VBox.setVgrow(evidence, Priority.ALWAYS);
        VBox left = new VBox(6, npuBar, evidence, setupForm(model));
        left.setPadding(new Insets(6));

        ListView<String> log = new ListView<>(model.logLines); // virtualized: thousands of lines cost a screenful of cells
        log.setId("phones-log");
        log.setPlaceholder(new Label("Follow logs to see the agents' logs live (and their messages in the mesh views)"));
        log.getStyleClass().add("log");
        model.logLines.addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!model.logLines.isEmpty()) {
                log.scrollTo(model.logLines.size() - 1);
            }
        });
        BorderPane right = new BorderPane(log);
        Label logTitle = new Label("Agent logs (mesh_<id>.log over adb)");
        logTitle.setPadding(new Insets(6));
        right.setTop(logTitle);

        SplitPane bottom = new SplitPane(left, right);
        bottom.setDividerPositions(0.42);
        SplitPane all = new SplitPane(table, bottom);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.4);
        setCenter(all);
    }

    private static GridPane setupForm(DevicesModel model) {
        TextField port = new TextField();
        port.setId("phones-port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(model.port);
        CheckBox distinct = new CheckBox("a port each (emulators)");
        distinct.selectedProperty().bindBidirectional(model.distinctPorts);
        TextField slm = new TextField();
        slm.setId("phones-slm");
        slm.setPromptText("/data/local/tmp/llama-cli -m /data/local/tmp/model.gguf -n 128 -f \"$PROMPT_FILE\"");
        slm.textProperty().bindBidirectional(model.slmCommand);
        TextField laptop = new TextField();
        laptop.setId("phones-laptop");
        laptop.setPromptText("HOST:PORT of an orchestrator on this laptop (optional)");
        laptop.textProperty().bindBidirectional(model.laptop);
        CheckBox usb = new CheckBox("USB only (adb forward/reverse)");
        usb.selectedProperty().bindBidirectional(model.usb);
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        grid.addRow(0, new Label("Port"), new HBox(8, port, distinct));
        grid.addRow(1, new Label("SLM command"), slm);
        grid.addRow(2, new Label("Laptop"), new HBox(8, laptop, usb));
        GridPane.setHgrow(slm, Priority.ALWAYS);
        HBox.setHgrow(laptop, Priority.ALWAYS);
        return grid;
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private static TableColumn<PhoneRow, String> column(String title, double width, Function<PhoneRow, String> value) {
        TableColumn<PhoneRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }
}
