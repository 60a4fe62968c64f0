package io.meshbench.app;

import io.meshbench.cli.window.WorkbenchSettings;
import io.meshbench.live.MeshSession;
import io.meshbench.app.live.Workbench;
import io.meshbench.app.playback.PlaybackWindows;
import io.meshbench.app.shell.Shell;
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
    private Shell shell;

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
        Shell.startTheme();
        PlaybackWindows.register(); // File ▸ Open scenario / recording in windows of their own
        workbench = new Workbench(session, new Workbench.Options(settings.load(), settings.slmSpeed(),
                settings.probeSeconds(), settings.record()));
        shell = Shell.on(stage, "MeshBench — " + session.description(), workbench.root());
        workbench.install(shell);
        stage.setOnCloseRequest(e -> PlaybackWindows.quitAll());
        shell.show();
        workbench.start(Platform::exit);
    }

    /** The window's shell (menus, keys), for tests. */
    public Shell shell() {
        return shell;
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
