package io.meshbench.app.auctions;

import io.meshbench.app.bridge.Throttle;
import io.meshbench.plugin.api.Bid;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Function;

/**
 * The auctions table above the selected auction's evaluation, winner, reason and time split. The
 * details follow the newest auction while auctions stream in, so they are redrawn at most
 * {@link #DETAILS_PER_SECOND} times a second (a busy mesh would otherwise rebuild them every
 * batch), and at once when the user picks an auction.
 */
final class AuctionsView extends SplitPane {

    static final double DETAILS_PER_SECOND = 4;
    private static final String[] SPLIT_COLOURS = {"#58a6ff", "#bc8cff", "#f0883e", "#3fb950"};

    private final AuctionsModel model;
    private final TableView<Bid> bidsTable = new TableView<>();
    private final Label header = new Label("Select an auction to see its bids");
    private final Label prompt = new Label();
    private final Label evaluating = new Label();
    private final Label winner = new Label();
    private final Label why = new Label();
    private final HBox splitBar = new HBox();
    private final Label splitText = new Label();
    private final Label output = new Label();
    private final Region[] segments = new Region[SPLIT_COLOURS.length];
    private final Throttle rate = new Throttle(DETAILS_PER_SECOND);
    private boolean dirty;

    AuctionsView(AuctionsModel model, AuctionsController controller, String placeholder) {
        this.model = model;
        setOrientation(Orientation.VERTICAL);
        getStyleClass().add("auctions");

        TableView<AuctionRow> table = new TableView<>(model.rows);
        table.setId("auctions-table");
        Label hint = new Label(placeholder);
        hint.setWrapText(true);
        hint.setPadding(new Insets(8));
        table.setPlaceholder(hint);
        // Every column but the prompt is as wide as its values; the prompt takes what is left (and shows
        // whole in the details below), so at 1280×720 no id, state, winner or time is cut.
        table.getColumns().add(column("Task", 150, r -> new ReadOnlyStringWrapper(r.taskId)));
        table.getColumns().add(column("Prompt", 200, r -> new ReadOnlyStringWrapper(r.prompt)));
        table.getColumns().add(column("State", 96, r -> r.state));
        table.getColumns().add(column("Winner", 86, r -> r.winner));
        table.getColumns().add(column("Total", 78, r -> r.total));
        for (int i = 0; i < table.getColumns().size(); i++) {
            TableColumn<AuctionRow, ?> c = table.getColumns().get(i);
            c.setMinWidth(i == 1 ? 60 : c.getPrefWidth());
            if (i != 1) {
                c.setMaxWidth(c.getPrefWidth() + 40);
            }
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            rate.reset();
            controller.onSelected(row);
        });


        bidsTable.setId("bids-table");
        bidsTable.setPlaceholder(new Label("no bids"));
        bidsTable.getColumns().add(bidColumn("Device", 92, Bid::deviceId));
        bidsTable.getColumns().add(bidColumn("NPU", 62, b -> b.hasNpu() ? "✓ YES" : "✗ NO"));
        bidsTable.getColumns().add(bidColumn("CPU Load", 82, b -> percent(b.cpuLoad())));
        bidsTable.getColumns().add(bidColumn("RAM Load", 84, b -> percent(b.ramLoad())));
        bidsTable.getColumns().add(bidColumn("Battery", 70,
                b -> b.battery().isPresent() ? b.battery().getAsInt() + "%" : "unknown"));
        for (TableColumn<Bid, ?> c : bidsTable.getColumns()) {
            c.setMinWidth(c.getPrefWidth()); // headers and values whole; the table scrolls sideways if it must
        }
        bidsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        bidsTable.setFixedCellSize(24);
        bidsTable.setPrefHeight(24 * 4 + 30);
        bidsTable.setMinHeight(24 * 3 + 30);
        bidsTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Bid bid, boolean empty) {
                super.updateItem(bid, empty);
                AuctionRow row = model.selected.get();
                boolean won = !empty && bid != null && row != null && bid.deviceId().equals(row.winner.get());
                getStyleClass().remove("winner-row");
                if (won) {
                    getStyleClass().add("winner-row");
                }
            }
        });

        header.getStyleClass().add("detail-header");
        evaluating.getStyleClass().add("evaluating");
        winner.getStyleClass().add("winner");
        for (Label l : new Label[]{header, prompt, evaluating, winner, why, splitText}) {
            l.setWrapText(true); // at 1280×720 the details wrap rather than end in "…"
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        output.setWrapText(true);
        output.getStyleClass().add("output");
        splitBar.getStyleClass().add("split-bar");
        splitBar.setPrefHeight(12);
        splitBar.setMinHeight(12);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new Region();
            segments[i].setStyle("-fx-background-color: " + SPLIT_COLOURS[i] + ";");
        }
        splitBar.getChildren().setAll(segments);
        VBox detail = new VBox(6, header, prompt, evaluating, bidsTable, winner, why, splitBar, splitText, output);
        detail.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(detail);
        scroll.setFitToWidth(true);
        getItems().addAll(table, scroll);
        setDividerPositions(0.45);
        model.detailVersion.addListener((o, a, b) -> dirty = true);
    }

    /** Shows the selected auction's details if they changed and the rate allows. */
    void refresh(long now) {
        if (dirty && rate.due(now)) {
            dirty = false;
            showDetail();
        }
    }

    private void showDetail() {
        AuctionRow row = model.selected.get();
        if (row == null) {
            return;
        }
        header.setText(row.taskId + "  ·  " + row.state.get() + (row.winner.get().isEmpty() ? "" : "  ·  " + row.winner.get()));
        prompt.setText("Prompt: " + row.prompt + (row.promptType.isEmpty() ? "" : "   (sent as " + row.promptType + ")"));
        evaluating.setText("EVALUATING BIDS" + (row.strategyTitle.isEmpty() ? "" : " (" + row.strategyTitle + ")"));
        // cleared first so that every row restyles its winner (refresh() would rebuild every cell)
        bidsTable.getItems().clear();
        bidsTable.getItems().setAll(winnerFirst(row.bids, row.winner.get()));
        // as many rows as there are bids, up to ten, so a big mesh's table is more than three rows
        bidsTable.setPrefHeight(24 * Math.max(3, Math.min(10, row.bids.size())) + 30);
        bidsTable.scrollTo(0);
        winner.setText(row.rule.isEmpty() ? "" : "★ WINNER (" + row.rule + "): " + row.winner.get());
        why.setText(row.reason.isEmpty() ? "" : "Why: " + row.reason
                + (row.missing.isEmpty() ? "" : "   No bid from: " + String.join(", ", row.missing)));
        TimeSplit split = row.split();
        splitText.setText(split.toString());
        long[] parts = {split.bidding(), split.selection(), split.execution(), split.returnTrip()};
        for (int i = 0; i < parts.length; i++) {
            segment(segments[i], parts[i], split.total());
        }
        output.setText(!row.failure.isEmpty() ? "✗ " + row.failure : row.output.isEmpty() ? "" : "RESULT: " + row.output);
    }

    /** The winner on the first row, always in view; the other bids after it in the order they came. */
    static java.util.List<Bid> winnerFirst(java.util.List<Bid> bids, String winner) {
        java.util.List<Bid> ordered = new java.util.ArrayList<>(bids.size());
        for (Bid b : bids) {
            if (b.deviceId().equals(winner)) {
                ordered.add(b);
            }
        }
        for (Bid b : bids) {
            if (!b.deviceId().equals(winner)) {
                ordered.add(b);
            }
        }
        return ordered;
    }

    private void segment(Region r, long part, long total) {
        r.setMinWidth(part > 0 && total > 0 ? 3 : 0);
        r.prefWidthProperty().bind(splitBar.widthProperty().multiply(part > 0 && total > 0 ? part / (double) total : 0));
    }

    private static String percent(java.util.OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f%%", v.getAsDouble() * 100) : "unknown";
    }

    private static TableColumn<AuctionRow, String> column(String title, double width,
                                                           Function<AuctionRow, javafx.beans.value.ObservableValue<String>> value) {
        TableColumn<AuctionRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        return c;
    }

    private static TableColumn<Bid, String> bidColumn(String title, double width, Function<Bid, String> value) {
        TableColumn<Bid, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }
}
