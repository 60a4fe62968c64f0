package io.meshbench.app.console;

import io.meshbench.app.auctions.TimeSplit;
import io.meshbench.auction.PromptRequest;
import io.meshbench.event.MeshEvent;
import javafx.scene.Node;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The prompt console: a prompt (with optional NPU and CPU variants, {@code {prompt}} standing for
 * the prompt) goes to the orchestrator, and its entry shows the winner and the result as they
 * arrive. Any number of prompts may be in flight.
 */
public final class ConsoleController {

    private final ConsoleModel model = new ConsoleModel();
    private final Function<PromptRequest, CompletableFuture<String>> submit;
    private final Executor ui;
    private final String orchestratorId;
    private final Map<String, ConsoleEntry> byTask = new HashMap<>();
    /** Events of a task that arrived before its submission returned its id. */
    private final Map<String, MeshEvent> early = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MeshEvent> eldest) {
            return size() > 256;
        }
    };
    private ConsoleView view;

    /**
     * @param submit starts an auction and gives its task id
     * @param ui     runs an action on the UI thread
     */
    public ConsoleController(String orchestratorId, Function<PromptRequest, CompletableFuture<String>> submit,
                             Executor ui) {
        this.orchestratorId = orchestratorId;
        this.submit = submit;
        this.ui = ui;
    }

    public Node view() {
        if (view == null) {
            view = new ConsoleView(model, this);
        }
        return view;
    }

    /** Puts the keyboard in the prompt field. */
    public void focusPrompt() {
        if (view != null) {
            view.focusPrompt();
        }
    }

    void onSubmit() {
        String prompt = model.prompt.get() == null ? "" : model.prompt.get().strip();
        if (prompt.isEmpty()) {
            model.error.set("Type a prompt first.");
            return;
        }
        model.error.set("");
        PromptRequest request = new PromptRequest(prompt, fill(model.npuPrompt.get(), prompt),
                fill(model.cpuPrompt.get(), prompt)).withPriority(model.priority.get());
        ConsoleEntry entry = new ConsoleEntry(prompt);
        model.entries.addFirst(entry);
        if (model.entries.size() > ConsoleModel.MAX_ENTRIES) {
            model.entries.removeLast();
        }
        model.prompt.set("");
        submit.apply(request).whenComplete((taskId, failure) -> ui.execute(() -> {
            if (failure != null) {
                entry.status.set("✗ not sent");
                entry.text.set(String.valueOf(failure.getMessage()));
                return;
            }
            entry.taskId.set(taskId);
            byTask.put(taskId, entry);
            MeshEvent already = early.remove(taskId);
            if (already != null) {
                apply(entry, already);
            }
        }));
    }

    private static String fill(String template, String prompt) {
        return template == null || template.isBlank() ? null : template.replace("{prompt}", prompt);
    }

    public void onEvents(List<MeshEvent> batch) {
        for (MeshEvent event : batch) {
            if (!event.node().equals(orchestratorId)) {
                continue;
            }
            String taskId = switch (event) {
                case MeshEvent.TaskAssigned e -> e.taskId();
                case MeshEvent.TaskCompleted e -> e.taskId();
                case MeshEvent.TaskFailed e -> e.taskId();
                default -> null;
            };
            if (taskId == null) {
                continue;
            }
            ConsoleEntry entry = byTask.get(taskId);
            if (entry == null) {
                early.merge(taskId, event, (old, now) -> now instanceof MeshEvent.TaskAssigned ? old : now);
            } else {
                apply(entry, event);
            }
        }
    }

    private void apply(ConsoleEntry entry, MeshEvent event) {
        switch (event) {
            case MeshEvent.TaskAssigned e -> entry.status.set("running on " + e.device() + " (" + e.promptType() + ")");
            case MeshEvent.TaskCompleted e -> {
                entry.status.set("✓ " + e.device() + " · " + e.status() + " · " + TimeSplit.millis(e.timing().total()));
                entry.text.set(e.output());
                byTask.remove(e.taskId());
            }
            case MeshEvent.TaskFailed e -> {
                entry.status.set("✗ failed · " + TimeSplit.millis(e.timing().total()));
                entry.text.set(e.reason());
                byTask.remove(e.taskId());
            }
            default -> {
            }
        }
    }

    /** Sets the prompt fields, as typing would. */
    public void type(String prompt, String npuPrompt, String cpuPrompt) {
        model.prompt.set(prompt);
        model.npuPrompt.set(npuPrompt == null ? "" : npuPrompt);
        model.cpuPrompt.set(cpuPrompt == null ? "" : cpuPrompt);
    }

    /** The priority of the prompts sent from now on, as the console's priority box sets it. */
    public void setPriority(io.meshbench.schedule.Priority priority) {
        model.priority.set(priority);
    }

    /** Submits what is typed, as the button does. */
    public void submit() {
        onSubmit();
    }

    /** Each entry as "task id | status | text", newest first. */
    public List<String> entries() {
        return model.entries.stream().map(e -> e.taskId.get() + " | " + e.status.get() + " | " + e.text.get()).toList();
    }

    public String error() {
        return model.error.get();
    }
}
