package io.meshbench.app.bench;

import io.meshbench.bench.suite.BenchResults;
import io.meshbench.bench.suite.BenchSuite;
import io.meshbench.bench.suite.Comparison;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;

/** The Benchmarks panel's state, as properties the view binds to. Changed on the FX thread only. */
final class BenchModel {

    /** Results and the folder they came from. */
    record Loaded(Path folder, BenchResults results) {
    }

    final ObjectProperty<BenchSuite.Size> size = new SimpleObjectProperty<>(BenchSuite.Size.QUICK);
    final StringProperty peersFile = new SimpleStringProperty("");
    final StringProperty outFolder = new SimpleStringProperty("bench-results");
    final BooleanProperty running = new SimpleBooleanProperty();
    /** 0 to 1; -1 while the run starts (no tick yet). */
    final DoubleProperty progress = new SimpleDoubleProperty(0);
    final StringProperty progressText = new SimpleStringProperty("");
    /** What the panel did last, in one line: ran, cancelled, loaded. */
    final StringProperty status = new SimpleStringProperty("");
    /** What went wrong, in words; empty when nothing did. */
    final StringProperty error = new SimpleStringProperty("");
    final ObjectProperty<Loaded> current = new SimpleObjectProperty<>();
    final ObjectProperty<Loaded> earlier = new SimpleObjectProperty<>();
    /** The current results against the earlier ones (against nothing when no earlier run is loaded). */
    final ObjectProperty<Comparison> comparison = new SimpleObjectProperty<>();

    void compare() {
        Loaded now = current.get(), before = earlier.get();
        if (now == null) {
            comparison.set(null);
            return;
        }
        BenchResults base = before != null ? before.results()
                : new BenchResults(now.results().size(), now.results().machine(), java.util.List.of(), null,
                Double.NaN, Double.NaN);
        comparison.set(Comparison.of(base, now.results()));
    }
}
