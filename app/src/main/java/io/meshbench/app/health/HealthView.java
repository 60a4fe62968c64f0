package io.meshbench.app.health;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.util.Callback;

import java.util.List;

/** A table of the peers' health. */
final class HealthView extends BorderPane {

    HealthView(HealthModel model) {
        TableView<HealthRow> table = new TableView<>(model.rows);
        table.setId("health-table");
        table.getColumns().addAll(List.of(
                column("Peer", r -> new ReadOnlyStringWrapper(r.peer)),
                column("State", r -> r.state),
                column("For", r -> r.since),
                column("Last seen", r -> r.lastSeen),
                column("Heartbeat RTT", r -> r.rtt),
                column("Failures", r -> r.failures),
                column("Time in each state", r -> r.timeInStates),
                column("Why", r -> r.reason)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new javafx.scene.control.Label("No peer heard from yet. States change with the "
                + "orchestrator's heartbeats (on by default; --no-failover turns them off)."));
        table.setTooltip(new Tooltip("up, suspect, down, rejoined: see docs/protocol.md, Liveness and task lifecycle"));
        setCenter(table);
    }

    private static TableColumn<HealthRow, String> column(String title,
                                                         java.util.function.Function<HealthRow, ObservableValue<String>> value) {
        TableColumn<HealthRow, String> column = new TableColumn<>(title);
        Callback<TableColumn.CellDataFeatures<HealthRow, String>, ObservableValue<String>> factory =
                f -> value.apply(f.getValue());
        column.setCellValueFactory(factory);
        return column;
    }
}
