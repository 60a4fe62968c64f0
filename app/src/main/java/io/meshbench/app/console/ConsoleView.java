package io.meshbench.app.console;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A prompt field with a Send button, the optional variants folded away, and the answers below. */
final class ConsoleView extends VBox {

    private final TextField prompt = new TextField();

    ConsoleView(ConsoleModel model, ConsoleController controller) {
        super(6);
        getStyleClass().add("console");
        setPadding(new Insets(6));
        prompt.setId("prompt");
        prompt.setPromptText("Describe a beautiful sunset over the ocean");
        prompt.textProperty().bindBidirectional(model.prompt);
        prompt.setOnAction(e -> controller.onSubmit());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Button send = new Button("Send ⏎");
        send.setId("send");
        send.setDefaultButton(false);
        send.setOnAction(e -> controller.onSubmit());
        send.getStyleClass().add("accent");

        TextField npu = new TextField();
        npu.setId("npu-prompt");
        npu.setPromptText("[NPU Optimized] {prompt}");
        npu.textProperty().bindBidirectional(model.npuPrompt);
        TextField cpu = new TextField();
        cpu.setId("cpu-prompt");
        cpu.setPromptText("[CPU Mode] {prompt}");
        cpu.textProperty().bindBidirectional(model.cpuPrompt);
        GridPane variants = new GridPane();
        variants.setHgap(6);
        variants.setVgap(4);
        variants.addRow(0, new Label("NPU prompt"), npu);
        variants.addRow(1, new Label("CPU prompt"), cpu);
        javafx.scene.control.ComboBox<io.meshbench.schedule.Priority> priority =
                new javafx.scene.control.ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                        io.meshbench.schedule.Priority.values()));
        priority.setId("priority");
        priority.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(io.meshbench.schedule.Priority p) {
                return p == null ? "" : p.label();
            }

            @Override
            public io.meshbench.schedule.Priority fromString(String text) {
                return io.meshbench.schedule.Priority.parse(text);
            }
        });
        priority.valueProperty().bindBidirectional(model.priority);
        priority.setTooltip(new javafx.scene.control.Tooltip("A prompt no device can take at once waits in the "
                + "orchestrator's queue, served by priority (a waiting prompt rises with age, so none starves)"));
        variants.addRow(2, new Label("Priority"), priority);
        GridPane.setHgrow(npu, Priority.ALWAYS);
        GridPane.setHgrow(cpu, Priority.ALWAYS);
        TitledPane optional = new TitledPane("NPU / CPU variants, priority (optional)", variants);
        optional.setExpanded(false);

        Label error = new Label();
        error.textProperty().bind(model.error);
        error.getStyleClass().add("danger");

        ListView<ConsoleEntry> answers = new ListView<>(model.entries);
        answers.setId("console-answers");
        Label placeholder = new Label("Answers appear here, each with its winner, its time and the model's output;"
                + " several prompts may be in flight.");
        placeholder.setWrapText(true);
        placeholder.setPadding(new Insets(8));
        answers.setPlaceholder(placeholder);
        answers.setCellFactory(list -> new ListCell<>() {
            private final Label head = new Label();
            private final Label body = new Label();
            private final VBox box = new VBox(2, head, body);

            {
                head.getStyleClass().add("answer-head");
                head.setWrapText(true);
                head.prefWidthProperty().bind(list.widthProperty().subtract(30));
                head.setMinHeight(Region.USE_PREF_SIZE);
                body.getStyleClass().add("answer-body");
                body.setWrapText(true);
                // The cell's height is asked for its width: without a preferred width the label is
                // measured on one line and the answer is cut to "…". With it, the whole answer shows.
                body.prefWidthProperty().bind(list.widthProperty().subtract(30));
                body.maxWidthProperty().bind(list.widthProperty().subtract(30));
                body.setMinHeight(Region.USE_PREF_SIZE);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(ConsoleEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                head.textProperty().unbind();
                body.textProperty().unbind();
                if (empty || entry == null) {
                    setGraphic(null);
                    return;
                }
                head.textProperty().bind(entry.taskId.concat("  ").concat(entry.status));
                body.textProperty().bind(entry.text.map(t -> "> " + entry.prompt + (t.isEmpty() ? "" : "\n" + t)));
                setGraphic(box);
            }
        });
        VBox.setVgrow(answers, Priority.ALWAYS);
        getChildren().addAll(new HBox(6, prompt, send), optional, error, answers);
    }

    void focusPrompt() {
        prompt.requestFocus();
    }
}
