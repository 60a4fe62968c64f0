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

    /**
     * How long a test waits for the FX thread to answer: generous, as a machine running the suite may be
     * loaded (opening a window with the software renderer took over 10 s at a load average of 8). A
     * deadline for a wait, never a timed assertion.
     */
    public static final long FX_WAIT_SECONDS = 30;

    private FxViews() {
    }

    /** Starts the toolkit (before any view or font is made) with the theme the launcher sets. */
    public static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        onFx(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
            return null;
        });
    }

    /** Waits up to {@link #FX_WAIT_SECONDS} until {@code condition} holds; fails naming {@code what}. */
    public static void await(String what, Callable<Boolean> condition) throws Exception {
        await(what, FX_WAIT_SECONDS, condition);
    }

    /** Waits up to {@code seconds} until {@code condition} holds; fails naming {@code what}. */
    public static void await(String what, long seconds, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    /** Shows the view {@code make} makes (on the FX thread) in a window of {@code width} × {@code height}. */
    public static Stage show(java.util.function.Supplier<javafx.scene.Node> make, double width, double height)
            throws Exception {
        toolkit();
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
        return WaitForAsyncUtils.asyncFx(query).get(FX_WAIT_SECONDS, TimeUnit.SECONDS);
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

    /** Every label, button, tab and column header on screen whose text is shown cut with "…". */
    public static java.util.List<String> truncated(javafx.scene.Parent root) {
        java.util.List<String> cut = new java.util.ArrayList<>();
        for (javafx.scene.Node n : root.lookupAll(".text")) {
            if (n instanceof javafx.scene.text.Text shown && n.getParent() instanceof javafx.scene.control.Labeled l
                    && !(l instanceof javafx.scene.control.ListCell) && !inPromptColumn(l)
                    && l.getText() != null && !l.getText().isEmpty()
                    && l.isVisible() && onScreen(l) && !shown.getText().equals(l.getText())) {
                cut.add("'" + l.getText() + "' shown as '" + shown.getText() + "' (" + l.getClass().getSimpleName() + ")");
            }
        }
        return cut;
    }

    /** A prompt is as long as a user types it: its column may cut it (the details show it whole). */
    private static boolean inPromptColumn(javafx.scene.control.Labeled l) {
        return l instanceof javafx.scene.control.TableCell<?, ?> cell && cell.getTableColumn() != null
                && "Prompt".equals(cell.getTableColumn().getText());
    }

    private static boolean onScreen(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

}
