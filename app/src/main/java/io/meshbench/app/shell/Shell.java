package io.meshbench.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every MeshBench window shares, whatever it shows (the live mesh, a scenario, a replay, the
 * benchmarks): the stage and its size, the theme (dark or light, for every window at once), the
 * menu bar (File, View, the window's own menus, Help), the keyboard shortcuts and the F1 list of
 * them, file choosers and error dialogs. A window hands its content and its own keys to the shell;
 * it does not know the other windows. Opening a scenario or a recording from the File menu goes
 * through {@link #setOpeners}, which the application sets once.
 */
public final class Shell {

    public static final KeyCombination OPEN_SCENARIO = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination OPEN_RECORDING = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    public static final KeyCombination CLOSE = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination KEYS = new KeyCodeCombination(KeyCode.F1);
    public static final KeyCombination LIGHT = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    /** The manual's pages a user may want from the Help menu: title and page (from the README's folder). */
    static final Map<String, String> README_SECTIONS = new LinkedHashMap<>();

    static {
        README_SECTIONS.put("What MeshBench is", "README.md");
        README_SECTIONS.put("The workbench window", "docs/window.md");
        README_SECTIONS.put("A scenario or recording in the window", "docs/window.md#scenarios-and-replay-in-the-window");
        README_SECTIONS.put("Recording, replay and reports", "docs/recording.md");
        README_SECTIONS.put("Real phones", "docs/phones.md");
        README_SECTIONS.put("Benchmarks", "docs/benchmarks.md");
    }

    private static final BooleanProperty light = new SimpleBooleanProperty(false);
    private static Consumer<Path> scenarioOpener = p -> error("Scenarios cannot be opened here", "no opener set");
    private static Consumer<Path> recordingOpener = p -> error("Recordings cannot be opened here", "no opener set");
    private static Runnable quit = Platform::exit;

    static {
        light.addListener((o, was, now) -> applyTheme());
    }

    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final MenuBar menus = new MenuBar();
    private final Menu file = new Menu("File");
    private final Menu view = new Menu("View");
    private final Menu help = new Menu("Help");
    /** Every key this window answers, with what it does, in the order given: the F1 list. */
    private final Map<KeyCombination, String> keys = new LinkedHashMap<>();

    private Shell(Stage stage, String title, Parent content) {
        this.stage = stage;
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        root.setCenter(content);
        root.setTop(menus);
        root.getStyleClass().add("meshbench-window");
        Scene scene = new Scene(root, Math.min(1600, screen.getWidth()), Math.min(980, screen.getHeight()));
        scene.getStylesheets().add(stylesheet());
        stage.setTitle(title);
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        file.setId("file-menu");
        view.setId("view-menu");
        help.setId("help-menu");
        buildFile();
        buildView();
        buildHelp();
        menus.getMenus().addAll(file, view, help);
        markTheme(scene);
    }

    /** A new window with the shell's menus and keys around {@code content}; not shown yet. */
    public static Shell window(String title, Parent content) {
        return new Shell(new Stage(), title, content);
    }

    /** The shell on a stage JavaFX made (the application's first window). */
    public static Shell on(Stage stage, String title, Parent content) {
        return new Shell(stage, title, content);
    }

    public static String stylesheet() {
        return Objects.requireNonNull(Shell.class.getResource("/io/meshbench/app/theme/workbench.css")).toExternalForm();
    }

    /** How the File menu opens a scenario or a recording, and how the application quits. */
    public static void setOpeners(Consumer<Path> scenario, Consumer<Path> recording, Runnable quitAll) {
        scenarioOpener = scenario;
        recordingOpener = recording;
        quit = quitAll;
    }

    public Shell show() {
        stage.show();
        return this;
    }

    public Stage stage() {
        return stage;
    }

    public Parent root() {
        return root;
    }

    /** A menu of the window's own, between View and Help. */
    public Shell menu(Menu menu) {
        menus.getMenus().add(menus.getMenus().indexOf(help), menu);
        menu.getItems().forEach(this::listKeys);
        return this;
    }

    /** Items of the window's own at the top of the File menu (record, export, ...). */
    public Shell fileItems(MenuItem... items) {
        List<MenuItem> added = new ArrayList<>(List.of(items));
        added.add(new SeparatorMenuItem());
        file.getItems().addAll(0, added);
        for (MenuItem item : items) {
            listKeys(item);
        }
        return this;
    }

    /** A menu item's key (and those of a submenu's items) into the F1 list. */
    private void listKeys(MenuItem item) {
        if (item.getAccelerator() != null) {
            String parent = item.getParentMenu() == null || item.getParentMenu().getParentMenu() == null ? ""
                    : item.getParentMenu().getText().replace("…", "") + " ";
            keys.put(item.getAccelerator(), parent + item.getText().replace("…", ""));
        }
        if (item instanceof Menu sub) {
            sub.getItems().forEach(this::listKeys);
        }
    }

    /** A keyboard shortcut of this window, listed by F1 and in Help ▸ Keyboard shortcuts. */
    public Shell key(KeyCombination key, String what, Runnable action) {
        stage.getScene().getAccelerators().put(key, action);
        keys.put(key, what);
        return this;
    }

    /** A key handled elsewhere (a field's Enter), only listed. */
    public Shell note(String key, String what) {
        keys.put(new KeyCharacterNote(key), what);
        return this;
    }

    /** Every key of this window and what it does, as F1 lists them. */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        keys.forEach((k, what) -> out.add(name(k) + "  " + what));
        return out;
    }

    private static String name(KeyCombination k) {
        return k instanceof KeyCharacterNote n ? n.text : k.getDisplayText().replace("Shortcut", "Ctrl");
    }

    private void buildFile() {
        MenuItem scenario = item("Open scenario…", OPEN_SCENARIO, () -> chooseOpen("Open a scenario",
                "Scenario (*.yaml, *.yml)", List.of("*.yaml", "*.yml"), Path.of("scenarios")).ifPresent(scenarioOpener));
        MenuItem recording = item("Open recording…", OPEN_RECORDING, () -> chooseOpen("Open a recording",
                "Recording (*.jsonl)", List.of("*.jsonl", "*.json", "*.log"), null).ifPresent(recordingOpener));
        MenuItem close = item("Close window", CLOSE, stage::close);
        MenuItem quitItem = item("Quit MeshBench", QUIT, () -> quit.run());
        file.getItems().addAll(scenario, recording, new SeparatorMenuItem(), close, quitItem);
        keys.put(OPEN_SCENARIO, "open a scenario in a window of its own");
        keys.put(OPEN_RECORDING, "open a recording in a replay window");
        keys.put(CLOSE, "close this window");
        keys.put(QUIT, "quit MeshBench (every window)");
        stage.getScene();
    }

    private void buildView() {
        CheckMenuItem lightItem = new CheckMenuItem("Light theme");
        lightItem.setId("light-theme");
        lightItem.setAccelerator(LIGHT);
        lightItem.selectedProperty().bindBidirectional(light);
        view.getItems().add(lightItem);
        keys.put(LIGHT, "switch between the dark and the light theme");
        keys.put(new KeyCodeCombination(KeyCode.F10), "the menu bar, from the keyboard (arrows to move, Esc to leave)");
    }

    private void buildHelp() {
        MenuItem keysItem = item("Keyboard shortcuts", KEYS, this::showKeys);
        keysItem.setId("help-keys");
        help.getItems().add(keysItem);
        keys.put(KEYS, "this list of keys");
        help.getItems().add(new SeparatorMenuItem());
        README_SECTIONS.forEach((title, anchor) -> {
            MenuItem section = new MenuItem("Manual: " + title);
            section.setOnAction(e -> showReadme(title, anchor));
            help.getItems().add(section);
        });
    }

    private static MenuItem item(String text, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(key);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** F1: every key of this window, in a dialog. */
    public Alert showKeys() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts of this window");
        TextArea list = new TextArea(String.join("\n", keys()));
        list.setId("keys-list");
        list.setEditable(false);
        list.setPrefRowCount(Math.min(24, keys.size() + 1));
        list.setStyle("-fx-font-family: monospace;");
        alert.getDialogPane().setContent(list);
        alert.show();
        return alert;
    }

    /** Where the manual's page is, and opens it in the browser when the desktop has one. */
    private void showReadme(String title, String page) {
        int hash = page.indexOf('#');
        String anchor = hash < 0 ? "" : page.substring(hash + 1);
        Path readme = readme().resolveSibling(hash < 0 ? page : page.substring(0, hash));
        String where = readme.toAbsolutePath().normalize() + (anchor.isEmpty() ? "" : "#" + anchor);
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("README");
        alert.setHeaderText(title);
        alert.setContentText("The manual's page \"" + title + "\":\n" + where);
        alert.show();
        try {
            new ProcessBuilder("xdg-open", readme.toUri() + (anchor.isEmpty() ? "" : "#" + anchor)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            // no desktop browser here: the dialog says where the section is
        }
    }

    static Path readme() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (p.resolve("README.md").toFile().isFile() && p.resolve("meshbench").toFile().exists()) {
                return p.resolve("README.md");
            }
        }
        return here.resolve("README.md");
    }

    /** A file to open, or empty when the user cancels. */
    public Optional<Path> chooseOpen(String title, String description, List<String> patterns, Path folder) {
        FileChooser chooser = chooser(title, description, patterns, folder);
        File chosen = chooser.showOpenDialog(stage);
        return Optional.ofNullable(chosen).map(File::toPath);
    }

    /** A file to write, or empty when the user cancels. */
    public Optional<Path> chooseSave(String title, String description, String pattern, String suggested) {
        FileChooser chooser = chooser(title, description, List.of(pattern), null);
        chooser.setInitialFileName(suggested);
        File chosen = chooser.showSaveDialog(stage);
        return Optional.ofNullable(chosen).map(File::toPath);
    }

    private static FileChooser chooser(String title, String description, List<String> patterns, Path folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(description, patterns),
                new FileChooser.ExtensionFilter("Any file", "*"));
        if (folder != null && folder.toFile().isDirectory()) {
            chooser.setInitialDirectory(folder.toFile());
        }
        return chooser;
    }

    /** An error in a dialog: a header and one sentence that says what to do; never a stack trace. */
    public static Alert error(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setHeaderText(header);
        alert.setContentText(message);
        alert.show();
        return alert;
    }

    /** What went wrong with {@code file}, in one sentence that names it. */
    public static String describe(Path file, Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return file + ": no such file";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains(file.toString()) ? message : file + ": " + message;
    }

    /** A picture of {@code node} as it is on screen, written to {@code out} as PNG. */
    public static void savePng(Node node, Path out) throws IOException {
        WritableImage image = node.snapshot(new SnapshotParameters(), null);
        Png.write(image, out);
    }

    public static boolean lightTheme() {
        return light.get();
    }

    public static void setLightTheme(boolean on) {
        light.set(on);
    }

    private static void applyTheme() {
        Application.setUserAgentStylesheet(light.get() ? new PrimerLight().getUserAgentStylesheet()
                : new PrimerDark().getUserAgentStylesheet());
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null) {
                markTheme(w.getScene());
            }
        }
    }

    private static void markTheme(Scene scene) {
        scene.getRoot().getStyleClass().remove("light");
        if (light.get()) {
            scene.getRoot().getStyleClass().add("light");
        }
    }

    /** Why there is no screen to open a window on, if there is none. */
    public static Optional<String> noDisplay() {
        if ("Monocle".equalsIgnoreCase(System.getProperty("glass.platform"))
                || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if ((display == null || display.isBlank()) && (wayland == null || wayland.isBlank())) {
            return Optional.of("no display (DISPLAY is not set)");
        }
        return Optional.empty();
    }

    /** The theme every window starts with: dark unless asked. */
    public static void startTheme() {
        applyTheme();
    }

    /** A key that is not an accelerator (Enter in a field): listed by F1 only. */
    private static final class KeyCharacterNote extends KeyCombination {
        final String text;

        KeyCharacterNote(String text) {
            this.text = text;
        }

        @Override
        public boolean match(javafx.scene.input.KeyEvent event) {
            return false;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyCharacterNote n && n.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }
}
