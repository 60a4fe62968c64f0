package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchSuite;
import io.meshbench.bench.suite.Comparison;
import io.meshbench.bench.suite.Checks;
import io.meshbench.bench.suite.Failure;
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
import javafx.scene.layout.GridPane;
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
    final TableView<TableRows.Load> load = new TableView<>();
    final Label loadSummary = new Label();
    final Label loadVerdict = new Label();
    /** The run's failed benchmarks, at the top; hidden when none failed. */
    final VBox failures = new VBox(2);
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
        failures.setId("bench-failures");
        failures.getStyleClass().add("bench-failures");
        failures.setVisible(false);
        failures.setManaged(false);
        VBox box = new VBox(2, error, failures, notes);
        box.setPadding(new Insets(0, 10, 4, 10));
        return box;
    }

    private SplitPane center() {
        column(targets, "target", 250, TableRows.Target::what);
        column(targets, "goal", 120, TableRows.Target::goal);
        column(targets, "ours", 205, TableRows.Target::now);
        metColumn(targets, "met", 290, TableRows.Target::met, TableRows.Target::verdict);
        earlierColumns.add(column(targets, "earlier", 205, TableRows.Target::earlier));
        earlierColumns.add(metColumn(targets, "met then", 290, TableRows.Target::earlierMet, TableRows.Target::earlierVerdict));
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
        column(load, "round trip", 175, TableRows.Load::roundTrip);
        column(load, "rate /s", 58, TableRows.Load::rate);
        column(load, "runs", 44, TableRows.Load::runs);
        column(load, "started", 64, TableRows.Load::started);
        column(load, "failed", 56, TableRows.Load::failed);
        twoLines(column(load, "p50 ms", 170, TableRows.Load::p50), "p50 ms\nmedian (min–max)");
        twoLines(column(load, "p99 ms", 195, TableRows.Load::p99), "p99 ms\nmedian (min–max)");
        TableColumn<TableRows.Load, String> sustained = column(load, "sustained", 80, TableRows.Load::sustained);
        sustained.setCellFactory(c -> new StyledCell<>(item -> "yes".equals(item) ? "bench-faster"
                : "no".equals(item) ? "bench-slower" : null));
        column(load, "load avg", 92, TableRows.Load::load);
        load.setId("bench-load");
        loadSummary.setId("bench-load-summary");
        loadSummary.setWrapText(true);
        loadVerdict.setId("bench-load-verdict");
        loadVerdict.setWrapText(true);
        loadVerdict.getStyleClass().add("bench-load-verdict");
        VBox loadWords = new VBox(4, loadSummary, loadVerdict);
        loadWords.setPadding(new Insets(6));
        for (TableView<?> t : List.of(targets, benchmarks, load)) {
            t.setPlaceholder(new Label("no results yet"));
            t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
            t.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        }
        TabPane tabs = new TabPane(new Tab("Every benchmark", benchmarks),
                new Tab("Open-loop load", new BorderPane(load, loadWords, null, null, null)));
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
        split.setDividerPositions(0.6);
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
            loadVerdict.setText("");
            notes.setText("");
            showFailures(null);
            return;
        }
        targets.getItems().setAll(TableRows.targets(c));
        benchmarks.getItems().setAll(TableRows.benchmarks(c));
        load.getItems().setAll(TableRows.load(c.later()));
        loadSummary.setText(TableRows.loadSummary(c.later()));
        loadVerdict.setText(TableRows.loadVerdict(c.later()));
        restyle(loadVerdict, TableRows.style(TableRows.loadVerdictOf(c.later())));
        loadVerdict.setVisible(!loadVerdict.getText().isEmpty());
        loadVerdict.setManaged(loadVerdict.isVisible());
        showFailures(c.later());
        notes.setText(comparing ? io.meshbench.bench.suite.ComparisonText.tally(c) + (c.notes().isEmpty() ? "" : "\nNote: "
                + String.join("\nNote: ", c.notes())) : "");
        plots.show(c.later(), comparing ? c.earlier() : null);
    }

    /** Lists the run's failed benchmarks (step, benchmark with its parameters, why) at the top, or hides the list. */
    private void showFailures(io.meshbench.bench.suite.BenchResults r) {
        List<Failure> failed = TableRows.failures(r);
        failures.getChildren().clear();
        failures.setVisible(!failed.isEmpty());
        failures.setManaged(!failed.isEmpty());
        if (failed.isEmpty()) {
            return;
        }
        Label title = new Label(TableRows.failuresTitle(r));
        title.getStyleClass().addAll("danger", "bench-failures-title");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(1);
        grid.addRow(0, header("step"), header("benchmark"), header("why"));
        for (int i = 0; i < failed.size(); i++) {
            Failure f = failed.get(i);
            Label why = new Label(f.reason());
            why.setWrapText(true);
            grid.addRow(i + 1, new Label(f.step()), new Label(f.benchmark()), why);
        }
        javafx.scene.layout.ColumnConstraints fixed = new javafx.scene.layout.ColumnConstraints();
        fixed.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints rest = new javafx.scene.layout.ColumnConstraints();
        rest.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(fixed, fixed, rest);
        failures.getChildren().setAll(title, grid);
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("bench-failures-header");
        return l;
    }

    private static void restyle(javafx.scene.Node node, String style) {
        node.getStyleClass().removeAll("bench-faster", "bench-slower", "bench-unsure", "bench-same");
        if (style != null) {
            node.getStyleClass().add(style);
        }
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

    /** A header of two lines, for a column narrower than its title. */
    private static void twoLines(TableColumn<?, ?> col, String title) {
        Label header = new Label(title);
        header.setWrapText(true);
        header.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        col.setText("");
        col.setGraphic(header);
    }

    /** A met column: green met, red missed, amber not sure, muted not judged (busy machine, smoke run). */
    private static <T> TableColumn<T, String> metColumn(TableView<T> table, String title, double width,
                                                        Function<T, String> value, Function<T, Checks.Verdict> verdict) {
        TableColumn<T, String> col = column(table, title, width, value);
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                T row = empty || getTableRow() == null ? null : getTableRow().getItem();
                restyle(this, row == null ? null : TableRows.style(verdict.apply(row)));
            }
        });
        return col;
    }

    /** A cell styled by its text. */
    private static final class StyledCell<T> extends TableCell<T, String> {
        private final Function<String, String> style;

        StyledCell(Function<String, String> style) {
            this.style = style;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            restyle(this, empty ? null : style.apply(item));
        }
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
