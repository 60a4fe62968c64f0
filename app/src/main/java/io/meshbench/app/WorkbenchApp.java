package io.meshbench.app;

import io.meshbench.cli.window.WorkbenchSettings;
import atlantafx.base.theme.PrimerDark;
import io.meshbench.live.MeshSession;
import io.meshbench.app.shell.Workbench;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.Objects;

/** The JavaFX application: the theme, one window, and the mesh closed with it. */
public final class WorkbenchApp extends Application {

    private static volatile MeshSession handedSession;
    private static volatile WorkbenchSettings handedSettings;

    private final MeshSession session;
    private final WorkbenchSettings settings;
    private Workbench workbench;

    /** Used by {@link Application#launch}: takes the mesh the launcher started. */
    public WorkbenchApp() {
        this(Objects.requireNonNull(handedSession, "no mesh handed over"), handedSettings);
    }

    public WorkbenchApp(MeshSession session, WorkbenchSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    static void handOver(MeshSession session, WorkbenchSettings settings) {
        handedSession = session;
        handedSettings = settings;
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        workbench = new Workbench(session, settings);
        // As large as it was designed for, but never larger than the screen.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(workbench.root(), Math.min(1600, screen.getWidth()), Math.min(980, screen.getHeight()));
        scene.getStylesheets().add(Objects.requireNonNull(
                WorkbenchApp.class.getResource("theme/workbench.css")).toExternalForm());
        workbench.installShortcuts(scene);
        stage.setTitle("MeshBench — " + session.description());
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setOnCloseRequest(e -> Platform.exit());
        stage.show();
        workbench.start(Platform::exit);
    }

    /** The window's parts, for tests. */
    public Workbench workbench() {
        return workbench;
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close();
        }
        Thread closer = new Thread(session::close, "meshbench-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
