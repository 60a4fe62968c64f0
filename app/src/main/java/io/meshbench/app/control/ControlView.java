package io.meshbench.app.control;

import io.meshbench.live.DeviceProfile;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/** The device list with kill, revive, remove and add, and the strategy picker. */
final class ControlView extends VBox {

    ControlView(ControlModel model, ControlController controller) {
        super(6);
        getStyleClass().add("control");
        setPadding(new Insets(6));
        TableView<DeviceRow> table = new TableView<>(model.devices);
        table.setId("devices-table");
        TableColumn<DeviceRow, String> id = new TableColumn<>("Device");
        id.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().id));
        TableColumn<DeviceRow, String> kind = new TableColumn<>("Kind");
        kind.setCellValueFactory(f -> f.getValue().kind);
        TableColumn<DeviceRow, String> state = new TableColumn<>("State");
        // An answering device's state says how its link is protected: up · TLS, up · HMAC, up · plain.
        state.setCellValueFactory(f -> javafx.beans.binding.Bindings.createStringBinding(
                () -> f.getValue().state.get().equals("up") && !f.getValue().link.get().equals("–")
                        ? "up · " + f.getValue().link.get() : f.getValue().state.get(),
                f.getValue().state, f.getValue().link));
        Label stateHeader = new Label("State");
        stateHeader.setTooltip(new javafx.scene.control.Tooltip("up, killed or unreachable; an answering device's link: "
                + "TLS (TLS 1.3, confidential and authenticated), HMAC (a phone's signed lines: authenticated, not "
                + "confidential), plain (the original format, --insecure: neither)"));
        state.setText("");
        state.setGraphic(stateHeader);
        table.getColumns().addAll(List.of(id, kind, state));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DeviceRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("down-row");
                if (!empty && row != null && !row.state.get().equals("up")) {
                    getStyleClass().add("down-row");
                }
            }
        });
        model.devices.addListener((javafx.collections.ListChangeListener<DeviceRow>) c -> table.refresh());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selected.set(b));
        model.selected.addListener((o, a, b) -> {
            if (b != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(b);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Button kill = button("Kill", "kill", "Crash the selected device (Ctrl+K)", controller::killSelected);
        Button revive = button("Revive", "revive", "Start the selected device again (Ctrl+R)", controller::reviveSelected);
        Button remove = button("Remove", "remove", "Take the selected device off the mesh (Ctrl+Delete)",
                controller::removeSelected);
        ComboBox<DeviceProfile> profile = new ComboBox<>(model.profiles);
        profile.valueProperty().bindBidirectional(model.profile);
        Button add = button("Add", "add", "Add a simulated device of this profile (Ctrl+N)", controller::addDevice);
        add.getStyleClass().add("accent");
        for (Button b : List.of(kill, revive, remove, add)) {
            b.disableProperty().bind(model.simulated.not().or(model.busy));
        }
        profile.disableProperty().bind(model.simulated.not());
        ComboBox<String> strategy = new ComboBox<>(model.strategies);
        strategy.setId("strategy");
        strategy.valueProperty().bindBidirectional(model.strategy);
        strategy.valueProperty().addListener((o, a, b) -> controller.onStrategy(b));
        Label message = new Label();
        message.setWrapText(true);
        message.textProperty().bind(model.message);
        message.getStyleClass().add("control-message");
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all its lines: the table gives way, not the message
        FlowPane actions = new FlowPane(6, 6, kill, revive, remove);
        HBox adding = new HBox(6, profile, add);
        adding.setAlignment(Pos.CENTER_LEFT);
        HBox strategies = new HBox(6, new Label("Strategy"), strategy);
        strategies.setAlignment(Pos.CENTER_LEFT);
        // The message right under the table, above the buttons: a longer message takes room from the table and
        // never moves the buttons under the pointer that just pressed one.
        getChildren().addAll(table, message, actions, adding, strategies);
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }
}
