package io.meshbench.app;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Shows one view in the primary stage, at a given size, with the window's theme, for the UI tests. */
public final class FxViews {

    private FxViews() {
    }

    /** Starts the toolkit (before any view or font is made). */
    public static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Shows the view {@code make} makes (on the FX thread) in a window of {@code width} × {@code height}. */
    public static Stage show(java.util.function.Supplier<javafx.scene.Node> make, double width, double height)
            throws Exception {
        FxToolkit.registerPrimaryStage();
        onFx(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
            return null;
        });
        return FxToolkit.setupStage(stage -> {
            Parent root = new StackPane(make.get());
            Scene scene = new Scene(root, width, height);
            scene.getStylesheets().add(io.meshbench.app.shell.Shell.stylesheet());
            stage.setScene(scene);
            stage.setWidth(width);
            stage.setHeight(height);
            stage.show();
        });
    }

    public static <T> T onFx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code frames} frames' worth of drawing at {@code now}, a frame apart, on the FX thread. */
    public static void frames(java.util.function.LongConsumer onFrame, long start, int frames) throws Exception {
        onFx(() -> {
            for (int i = 0; i < frames; i++) {
                onFrame.accept(start + i * 1_000_000_000L);
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
