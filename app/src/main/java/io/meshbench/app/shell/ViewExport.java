package io.meshbench.app.shell;

import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** File menu items every mesh window has: the auctions table as CSV, any view (or the window) as PNG. */
public final class ViewExport {

    public static final KeyCombination EXPORT_CSV = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination SAVE_PNG = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    /** Writes a table as CSV. */
    public interface Csv {
        void write(Path out) throws IOException;
    }

    private ViewExport() {
    }

    /**
     * @param views the window's views by their pane title, each to be saved as a picture
     * @param csv   writes the auctions table
     */
    public static MenuItem[] items(Shell shell, Map<String, Node> views, Csv csv) {
        MenuItem table = new MenuItem("Export auctions as CSV…");
        table.setId("export-csv");
        table.setAccelerator(EXPORT_CSV);
        table.setOnAction(e -> shell.chooseSave("Export the auctions table", "CSV (*.csv)", "*.csv",
                "auctions-" + stamp() + ".csv").ifPresent(out -> {
            try {
                csv.write(out);
            } catch (IOException | RuntimeException ex) {
                Shell.error("The auctions could not be exported", Shell.describe(out, ex));
            }
        }));
        Menu pictures = new Menu("Save a picture (PNG) of");
        pictures.setId("export-png");
        List<MenuItem> items = new ArrayList<>();
        MenuItem window = new MenuItem("the whole window…");
        window.setAccelerator(SAVE_PNG);
        window.setOnAction(e -> png(shell, "window", shell.root()));
        items.add(window);
        views.forEach((title, node) -> {
            MenuItem item = new MenuItem(title + "…");
            item.setOnAction(e -> png(shell, title, node));
            items.add(item);
        });
        pictures.getItems().setAll(items);
        return new MenuItem[]{table, pictures};
    }

    private static void png(Shell shell, String title, Node node) {
        String name = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + stamp() + ".png";
        shell.chooseSave("Save a picture of " + title, "PNG image (*.png)", "*.png", name).ifPresent(out -> {
            try {
                Shell.savePng(node, out);
            } catch (IOException | RuntimeException ex) {
                Shell.error("The picture could not be saved", Shell.describe(out, ex));
            }
        });
    }

    private static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
