package io.meshbench.app.scenario;

import io.meshbench.app.views.Speed;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the scenario window shows of a run, as JavaFX properties the view binds to. */
final class ScenarioModel {

    /** {@code success}, {@code danger} or empty: how the state reads at the end of a run. */
    final StringProperty stateStyle = new SimpleStringProperty("");
    final StringProperty state = new SimpleStringProperty("ready: press Run");
    final StringProperty clock = new SimpleStringProperty("");
    final DoubleProperty progress = new SimpleDoubleProperty(0);
    final StringProperty runLabel = new SimpleStringProperty("▶ Run");
    final BooleanProperty runDisabled = new SimpleBooleanProperty(false);
    final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(Speed.REAL_TIME);
    final BooleanProperty speedFixed = new SimpleBooleanProperty(false);
    final StringProperty summary = new SimpleStringProperty("");
    /** Why the file cannot be run; empty when it can. */
    final StringProperty error = new SimpleStringProperty("");
    final StringProperty status = new SimpleStringProperty("");
}
