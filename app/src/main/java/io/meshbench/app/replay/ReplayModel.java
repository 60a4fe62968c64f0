package io.meshbench.app.replay;

import io.meshbench.app.views.Speed;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the replay window shows of the timeline, as JavaFX properties the view binds to. */
final class ReplayModel {

    final StringProperty playLabel = new SimpleStringProperty("▶ Play");
    final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(Speed.REAL_TIME);
    /** Where the timeline is, 0 to 1; set by the controller as it moves. */
    final DoubleProperty fraction = new SimpleDoubleProperty(0);
    final StringProperty position = new SimpleStringProperty("");
    /** A recording cut short, events skipped: what the user must know; empty when nothing. */
    final StringProperty notice = new SimpleStringProperty("");
    final StringProperty details = new SimpleStringProperty("");
    final StringProperty status = new SimpleStringProperty("");
}
