package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchSuite;
import io.meshbench.bench.suite.Comparison;
import io.meshbench.bench.load.OpenLoop;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The Benchmarks panel: run bar, results and earlier-run bars, tables on the left, plots on the right. */
final class BenchView extends BorderPane {

    private final BenchModel model;
    private final BenchController controller;
    final TableView<TableRows.Target> targets = new TableView<>();
    final TableView<TableRows.Bench> benchmarks = new TableView<>();
    final TableView<OpenLoop.Step> load = new TableView<>();
    private final Label loadSummary = new Label();
    private final Label results = new Label("no results yet: run the suite, or open a results folder");
    private final Label earlier = new Label("none: open an earlier results folder to compare");
    private final Label notes = new Label();
    private final BenchPlots plots = new BenchPlots();
    private final List<TableColumn<?, ?>> earlierColumns = new java.util.ArrayList<>();

    BenchView(BenchModel model, BenchController controller) {
        this.model = model;
        this.controller = controller;
        getStyleClass().add("bench-panel");
        setTop(new VBox(runBar(), progressBar(), resultsBar(), messages()));
        setCenter(center());
        model.comparison.addListener((o, was, now) -> show(now));
        model.current.addListener((o, was, now) -> results.setText(now == null ? "" : now.folder() + "  ·  "
                + TableRows.describe(now.results())));
        model.earlier.addListener((o, was, now) -> earlier.setText(now == null ? "none: open an earlier results "
                + "folder to compare" : now.folder() + "  ·  " + TableRows.describe(now.results())));
        show(model.comparison.get());
    }

    private HBox runBar() {
        ComboBox<BenchSuite.Size> size = new ComboBox<>();
        size.setId("bench-suite");
        size.getItems().setAll(BenchSuite.Size.values());
        size.valueProperty().bindBidirectional(model.size);
        size.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(BenchSuite.Size s) {
                return s == null ? "" : switch (s) {
                    case SMOKE -> "smoke (each once, ~1 min)";
                    case QUICK -> "quick (a few minutes)";
                    case FULL -> "full (~10 minutes)";
                    case SCALE -> "scale (the scale scenarios, each in its own JVM)";
                };
            }

            @Override
            public BenchSuite.Size fromString(String s) {
                return BenchSuite.Size.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        TextField peers = field("bench-peers", model.peersFile, "optional: a running mesh's peers file", 200);
        TextField out = field("bench-out", model.outFolder, "folder for the results", 200);
        Button peersBrowse = new Button("…");
        peersBrowse.setOnAction(e -> {
            File f = new FileChooser().showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.peersFile.set(f.toString());
            }
        });
        Button outBrowse = new Button("…");
        outBrowse.setOnAction(e -> chooseFolder("Folder for the results").ifPresent(p -> model.outFolder.set(p.toString())));
        Button run = new Button("▶ Run");
        run.setId("bench-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.running);
        run.setOnAction(e -> controller.onRun());
        Button cancel = new Button("■ Cancel");
        cancel.setId("bench-cancel");
        cancel.disableProperty().bind(model.running.not());
        cancel.setOnAction(e -> controller.onCancel());
        HBox bar = new HBox(6, new Label("Suite"), size, new Label("Peers file"), peers, peersBrowse,
                new Label("Output folder"), out, outBrowse, run, cancel);
        return bar(bar);
    }

    private HBox progressBar() {
        ProgressBar progress = new ProgressBar();
        progress.setId("bench-progress");
        progress.setPrefWidth(320);
        progress.progressProperty().bind(model.progress);
        progress.visibleProperty().bind(model.running.or(model.progress.greaterThan(0)));
        progress.managedProperty().bind(progress.visibleProperty());
        Label text = new Label();
        text.setId("bench-progress-text");
        text.textProperty().bind(model.progressText);
        Label status = new Label();
        status.setId("bench-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(model.status);
        return bar(new HBox(10, progress, text, status));
    }

    private VBox resultsBar() {
        Button open = new Button("Open results…");
        open.setId("bench-open");
        open.setOnAction(e -> chooseFolder("Open a results folder (a bench run's --out)").ifPresent(controller::load));
        Button openEarlier = new Button("Compare with…");
        openEarlier.setId("bench-open-earlier");
        openEarlier.setOnAction(e -> chooseFolder("Open an earlier results folder").ifPresent(controller::loadEarlier));
        Button clear = new Button("Clear");
        clear.setOnAction(e -> controller.clearEarlier());
        clear.disableProperty().bind(model.earlier.isNull());
        results.setId("bench-results");
        earlier.setId("bench-earlier");
        Label now = new Label("Results");
        Label before = new Label("Earlier");
        now.setMinWidth(52);
        before.setMinWidth(52);
        VBox box = new VBox(2, bar(new HBox(6, now, open, results)), bar(new HBox(6, before, openEarlier, clear, earlier)));
        box.getStyleClass().add("bench-folders");
        return box;
    }

    private VBox messages() {
        Label error = new Label();
        error.setId("bench-error");
        error.setWrapText(true);
        error.getStyleClass().add("danger");
        error.textProperty().bind(model.error);
        error.managedProperty().bind(model.error.isNotEmpty());
        error.visibleProperty().bind(model.error.isNotEmpty());
        notes.setId("bench-notes");
        notes.setWrapText(true);
        notes.getStyleClass().add("bench-notes");
        VBox box = new VBox(2, error, notes);
        box.setPadding(new Insets(0, 10, 4, 10));
        return box;
    }

    private SplitPane center() {
        column(targets, "target", 250, TableRows.Target::what);
        column(targets, "goal", 120, TableRows.Target::goal);
        column(targets, "ours", 112, TableRows.Target::now);
        metColumn(targets, "met", TableRows.Target::met);
        earlierColumns.add(column(targets, "earlier", 112, TableRows.Target::earlier));
        earlierColumns.add(metColumn(targets, "met then", TableRows.Target::earlierMet));
        column(targets, "× faster than the original", 92, TableRows.Target::ratio);
        column(targets, "the original scripts' way (same run)", 230, TableRows.Target::seed);
        targets.setId("bench-targets");
        column(benchmarks, "benchmark", 180, TableRows.Bench::benchmark);
        column(benchmarks, "params", 190, TableRows.Bench::params);
        column(benchmarks, "", 50, TableRows.Bench::measure);
        column(benchmarks, "unit", 50, TableRows.Bench::unit);
        earlierColumns.add(column(benchmarks, "earlier", 65, TableRows.Bench::earlier));
        column(benchmarks, "now", 65, TableRows.Bench::now);
        TableColumn<TableRows.Bench, String> change = column(benchmarks, "change", 105, TableRows.Bench::change);
        change.setCellFactory(c -> new VerdictCell());
        earlierColumns.add(change);
        column(benchmarks, "p99 now", 72, TableRows.Bench::p99);
        benchmarks.setId("bench-benchmarks");
        // Rows of one benchmark differ only by their parameters: the tooltip says the whole row in words.
        benchmarks.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(TableRows.Bench row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null ? null : new javafx.scene.control.Tooltip(TableRows.explain(row)));
            }
        });
        targets.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(TableRows.Target row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null ? null : new javafx.scene.control.Tooltip(TableRows.explain(row)));
            }
        });
        Function<Double, String> ms = v -> String.format(Locale.ROOT, "%.2f", v);
        column(load, "rate /s", 80, s -> String.format(Locale.ROOT, "%,.0f", s.rate()));
        column(load, "started", 80, s -> String.valueOf(s.started()));
        column(load, "completed", 80, s -> String.valueOf(s.completed()));
        column(load, "failed", 60, s -> String.valueOf(s.failed()));
        column(load, "p50 ms", 70, s -> ms.apply(s.p50Ms()));
        column(load, "p99 ms", 70, s -> ms.apply(s.p99Ms()));
        column(load, "max ms", 70, s -> ms.apply(s.maxMs()));
        load.setId("bench-load");
        loadSummary.setId("bench-load-summary");
        loadSummary.setPadding(new Insets(6));
        for (TableView<?> t : List.of(targets, benchmarks, load)) {
            t.setPlaceholder(new Label("no results yet"));
            t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
            t.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        }
        TabPane tabs = new TabPane(new Tab("Every benchmark", benchmarks),
                new Tab("Open-loop load", new BorderPane(load, loadSummary, null, null, null)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("bench-tabs");
        Label targetsTitle = new Label("MeshBench's speed targets: MeshBench and the original shell-and-netcat scripts' way, measured in the same run");
        targetsTitle.getStyleClass().add("bench-chart-title");
        SplitPane tables = new SplitPane(new BorderPane(targets, targetsTitle, null, null, null), tabs);
        tables.setOrientation(Orientation.VERTICAL);
        tables.setDividerPositions(0.42);
        ScrollPane plotScroll = new ScrollPane(plots);
        plotScroll.setFitToWidth(true);
        plotScroll.setFitToHeight(true);
        SplitPane split = new SplitPane(tables, plotScroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.55);
        return split;
    }

    private void show(Comparison c) {
        boolean comparing = model.earlier.get() != null && c != null;
        earlierColumns.forEach(col -> col.setVisible(comparing));
        if (c == null) {
            targets.getItems().clear();
            benchmarks.getItems().clear();
            load.getItems().clear();
            loadSummary.setText("");
            notes.setText("");
            return;
        }
        targets.getItems().setAll(TableRows.targets(c));
        benchmarks.getItems().setAll(TableRows.benchmarks(c));
        OpenLoop.Result l = c.later().load();
        load.getItems().setAll(l == null ? List.of() : l.steps());
        loadSummary.setText(l == null ? "the open-loop load generator did not run" : String.format(Locale.ROOT,
                "%s: sustained %,.0f auctions/s at p99 ≤ %.0f ms (0: no rate tried met it)", l.mesh(), l.sustainedRate(),
                l.p99TargetMs()));
        notes.setText(comparing ? TableRows.tally(c) + (c.notes().isEmpty() ? "" : "\nNote: "
                + String.join("\nNote: ", c.notes())) : "");
        plots.show(c.later(), comparing ? c.earlier() : null);
    }

    LogChart versus() {
        return plots.versus;
    }

    LogChart latency() {
        return plots.latency;
    }

    LogChart selection() {
        return plots.selection;
    }

    private java.util.Optional<Path> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File start = new File(model.outFolder.get() == null ? "." : model.outFolder.get()).getAbsoluteFile().getParentFile();
        if (start != null && start.isDirectory()) {
            chooser.setInitialDirectory(start);
        }
        File f = chooser.showDialog(getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property, String prompt, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private static HBox bar(HBox bar) {
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        HBox.setHgrow(bar.getChildren().get(bar.getChildren().size() - 1), Priority.SOMETIMES);
        return bar;
    }

    private static <T> TableColumn<T, String> column(TableView<T> table, String title, double width, Function<T, String> value) {
        TableColumn<T, String> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        col.setPrefWidth(width);
        col.setSortable(false);
        table.getColumns().add(col);
        return col;
    }

    private static <T> TableColumn<T, String> metColumn(TableView<T> table, String title, Function<T, String> value) {
        TableColumn<T, String> col = column(table, title, title.length() > 4 ? 80 : 48, value);
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("bench-faster", "bench-slower");
                if (!empty && "yes".equals(item)) {
                    getStyleClass().add("bench-faster");
                } else if (!empty && "no".equals(item)) {
                    getStyleClass().add("bench-slower");
                }
            }
        });
        return col;
    }

    /** The change, green when faster, red when slower. */
    private static final class VerdictCell extends TableCell<TableRows.Bench, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            getStyleClass().removeAll("bench-faster", "bench-slower", "bench-same");
            TableRows.Bench row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (row != null) {
                getStyleClass().add(switch (row.verdict()) {
                    case FASTER -> "bench-faster";
                    case SLOWER -> "bench-slower";
                    default -> "bench-same";
                });
            }
        }
    }
}
