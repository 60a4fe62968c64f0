package io.meshbench.app.auctions;

import io.meshbench.event.MeshEvent;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.scene.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The auctions list (task, prompt, state, winner, total time) and, for the selected task, the
 * original design's {@code EVALUATING BIDS} table, the strategy, why the winner won and where
 * the time went.
 */
public final class AuctionsController {

    private final AuctionsModel model = new AuctionsModel();
    private final String orchestratorId;
    private Consumer<String> onSelect = id -> { };
    /** Until the user picks an auction, the details follow the newest one, so they are never empty. */
    private boolean userSelected;
    private AuctionsView view;

    /** What the empty list says: where auctions come from in this window. */
    private String placeholder = "No auctions yet: type a prompt in the console (Ctrl+L)";

    public AuctionsController(String orchestratorId) {
        this.orchestratorId = orchestratorId;
    }

    /** The empty list's words, for a window whose auctions come from elsewhere than a console. */
    public AuctionsController placeholder(String text) {
        this.placeholder = text;
        return this;
    }

    public Node view() {
        if (view == null) {
            view = new AuctionsView(model, this, placeholder);
        }
        return view;
    }

    /** Redraws the selected auction's details, if due, for the frame at {@code now}. */
    public void onFrame(long now) {
        if (view != null) {
            view.refresh(now);
        }
    }

    /** Told the task id whenever the user selects an auction (the sequence chart follows it). */
    public void setOnSelect(Consumer<String> listener) {
        this.onSelect = listener;
    }

    void onSelected(AuctionRow row) {
        userSelected = row != null;
        model.selected.set(row);
        model.detailVersion.set(model.detailVersion.get() + 1);
        onSelect.accept(row == null ? null : row.taskId);
    }

    public void onEvents(List<MeshEvent> batch) {
        List<AuctionRow> opened = new ArrayList<>();
        boolean selectedChanged = false;
        for (MeshEvent event : batch) {
            AuctionRow row = apply(event, opened);
            selectedChanged |= row != null && row == model.selected.get();
        }
        if (!opened.isEmpty()) {
            model.rows.addAll(0, opened.reversed());
            while (model.rows.size() > AuctionsModel.MAX_ROWS) {
                AuctionRow dropped = model.rows.removeLast();
                model.byTask.remove(dropped.taskId);
            }
        }
        if (!userSelected && !model.rows.isEmpty()) {
            AuctionRow newest = newestDecided();
            if (model.selected.get() != newest) {
                model.selected.set(newest);
                selectedChanged = true;
            }
        }
        if (selectedChanged) {
            model.detailVersion.set(model.detailVersion.get() + 1);
        }
    }

    /**
     * The newest auction whose bids are in (else the newest): in a busy mesh the very newest is
     * nearly always still bidding, and its empty table would be all the details ever show.
     */
    private AuctionRow newestDecided() {
        for (int i = 0; i < Math.min(model.rows.size(), 50); i++) {
            if (!model.rows.get(i).state.get().equals("BIDDING")) {
                return model.rows.get(i);
            }
        }
        return model.rows.get(0);
    }

    private AuctionRow apply(MeshEvent event, List<AuctionRow> opened) {
        if (event instanceof MeshEvent.TaskExecuted e) {
            AuctionRow row = model.byTask.get(e.taskId());
            if (row != null) {
                row.deviceRun = e.elapsedNanos();
            }
            return row;
        }
        if (!event.node().equals(orchestratorId)) {
            return null;
        }
        switch (event) {
            case MeshEvent.AuctionOpened e -> {
                AuctionRow row = new AuctionRow(e.taskId(), e.prompt(), e.peers());
                model.byTask.put(e.taskId(), row);
                opened.add(row);
                model.inFlight.set(model.inFlight.get() + 1);
                return row;
            }
            case MeshEvent.BidAccepted e -> {
                return row(e.taskId()).map(r -> {
                    r.bids.add(e.bid());
                    return r;
                }).orElse(null);
            }
            case MeshEvent.AuctionClosed e -> {
                return row(e.taskId()).map(r -> {
                    r.bids = e.bids();
                    r.missing = e.missing();
                    r.strategyTitle = e.strategyTitle();
                    r.rule = e.selection().rule();
                    r.reason = e.selection().reason();
                    r.winner.set(e.selection().winner().deviceId());
                    r.state.set("SELECTED");
                    return r;
                }).orElse(null);
            }
            case MeshEvent.TaskAssigned e -> {
                return row(e.taskId()).map(r -> {
                    r.winner.set(e.device());
                    r.promptType = e.promptType();
                    r.state.set("RUNNING");
                    return r;
                }).orElse(null);
            }
            case MeshEvent.TaskCompleted e -> {
                model.inFlight.set(Math.max(0, model.inFlight.get() - 1));
                model.completed.set(model.completed.get() + 1);
                return row(e.taskId()).map(r -> {
                    r.output = e.output();
                    r.timing = e.timing();
                    r.winner.set(e.device());
                    r.total.set(TimeSplit.millis(e.timing().total()));
                    r.state.set(e.status().equals("completed") ? "COMPLETED" : "RESULT " + e.status());
                    return r;
                }).orElse(null);
            }
            case MeshEvent.TaskFailed e -> {
                model.inFlight.set(Math.max(0, model.inFlight.get() - 1));
                model.failed.set(model.failed.get() + 1);
                return row(e.taskId()).map(r -> {
                    r.failure = e.reason();
                    r.timing = e.timing();
                    r.total.set(TimeSplit.millis(e.timing().total()));
                    r.state.set("FAILED");
                    return r;
                }).orElse(null);
            }
            default -> {
                return null;
            }
        }
    }

    private Optional<AuctionRow> row(String taskId) {
        return Optional.ofNullable(taskId == null ? null : model.byTask.get(taskId));
    }

    /** The tasks as listed, newest first. */
    /**
     * Writes the auctions table as CSV (RFC 4180: fields with a comma, quote or line break are quoted),
     * newest first, with every bid count and the time split in milliseconds.
     */
    public void writeCsv(java.nio.file.Path out) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("task_id,prompt,state,winner,bids,strategy,rule,reason,"
                + "bidding_ms,selection_ms,execution_ms,return_ms,total_ms,output,failure\r\n");
        for (AuctionRow r : List.copyOf(model.rows)) {
            TimeSplit t = r.split();
            csv.append(String.join(",", field(r.taskId), field(r.prompt), field(r.state.get()), field(r.winner.get()),
                    String.valueOf(r.bids.size()), field(r.strategyTitle), field(r.rule), field(r.reason),
                    ms(t.bidding()), ms(t.selection()), ms(t.execution()), ms(t.returnTrip()), ms(t.total()),
                    field(r.output), field(r.failure))).append("\r\n");
        }
        java.nio.file.Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        java.nio.file.Files.writeString(out, csv);
    }

    static String field(String value) {
        String v = value == null ? "" : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "" : String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
    }

    public List<AuctionSummary> auctions() {
        return model.rows.stream().map(r -> new AuctionSummary(r.taskId, r.prompt, r.state.get(), r.winner.get(),
                r.total.get(), r.output, r.bids.size())).toList();
    }

    /** The time split of a listed task. */
    public Optional<TimeSplit> split(String taskId) {
        return row(taskId).map(AuctionRow::split);
    }

    public ReadOnlyIntegerProperty inFlightProperty() {
        return model.inFlight;
    }

    public ReadOnlyIntegerProperty completedProperty() {
        return model.completed;
    }

    public ReadOnlyIntegerProperty failedProperty() {
        return model.failed;
    }
}
