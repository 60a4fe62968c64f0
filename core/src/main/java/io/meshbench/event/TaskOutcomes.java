package io.meshbench.event;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands out the end of a task ({@link MeshEvent.TaskCompleted} or {@link MeshEvent.TaskFailed}) as
 * a future, whether the task ends before or after someone asks for it.
 */
public final class TaskOutcomes implements AutoCloseable {

    private final ConcurrentMap<String, CompletableFuture<MeshEvent>> outcomes = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;

    public TaskOutcomes(EventBus bus) {
        subscription = bus.subscribe(event -> {
            switch (event) {
                case MeshEvent.TaskCompleted e -> future(e.taskId()).complete(e);
                case MeshEvent.TaskFailed e -> future(e.taskId()).complete(e);
                default -> {
                }
            }
        });
    }

    /** The end of {@code taskId}; the future is forgotten once it is handed out and done. */
    public CompletableFuture<MeshEvent> outcome(String taskId) {
        CompletableFuture<MeshEvent> future = future(taskId);
        return future.whenComplete((e, t) -> outcomes.remove(taskId, future));
    }

    private CompletableFuture<MeshEvent> future(String taskId) {
        return outcomes.computeIfAbsent(taskId, id -> new CompletableFuture<>());
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
