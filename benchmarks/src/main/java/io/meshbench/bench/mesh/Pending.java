package io.meshbench.bench.mesh;

import io.meshbench.event.MeshEvent;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The round trips in flight, completed from the orchestrator's events: an event-bus subscriber,
 * so it runs on the orchestrator's thread and adds nothing to it but a map lookup.
 */
final class Pending implements Consumer<MeshEvent> {

    private record Waiter(BenchMesh.Phase phase, CompletableFuture<String> answer) {
    }

    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();

    /** Call on the orchestrator's thread, right after {@code submit}, before any of its events. */
    void await(String taskId, BenchMesh.Phase phase, CompletableFuture<String> answer) {
        waiting.put(taskId, new Waiter(phase, answer));
    }

    @Override
    public void accept(MeshEvent event) {
        switch (event) {
            case MeshEvent.AuctionClosed closed -> {
                Waiter w = waiting.get(closed.taskId());
                if (w != null && w.phase() == BenchMesh.Phase.AUCTION) {
                    waiting.remove(closed.taskId());
                    w.answer().complete(closed.taskId());
                }
            }
            case MeshEvent.TaskCompleted done -> {
                Waiter w = waiting.remove(done.taskId());
                if (w != null) {
                    w.answer().complete(done.taskId());
                }
            }
            case MeshEvent.TaskFailed failed -> {
                Waiter w = waiting.remove(failed.taskId());
                if (w != null) {
                    w.answer().completeExceptionally(new IllegalStateException("task " + failed.taskId()
                            + " failed: " + failed.reason()));
                }
            }
            default -> {
            }
        }
    }

    /** Fails every waiter: the mesh is closing. */
    void abandon(String why) {
        waiting.values().forEach(w -> w.answer().completeExceptionally(new IllegalStateException(why)));
        waiting.clear();
    }
}
