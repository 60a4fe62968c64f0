package io.meshbench.service;

import io.meshbench.live.MeshSession;
import io.meshbench.auction.PromptRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every prompt that comes in over HTTP (the page, the JSON API, the OpenAI API) goes to the
 * orchestrator through here. At most {@code maxInFlight} tasks are in the mesh at once (by default
 * what its simulated devices take together), so that a burst of requests waits its turn here
 * instead of filling every device and failing as "busy"; at most {@code maxWaiting} wait, and a
 * request beyond that is refused with 429 at once. Even so, many auctions that close at once all
 * pick the same best device, and the orchestrator passes a refused task only to the bidders that
 * had room when they bid: a task refused as busy is asked again (a new auction), up to three
 * times, and the first task says which one followed it ({@code retried_as}).
 */
final class Prompts {

    /** How often a prompt is asked when the mesh refuses it as full. */
    static final int ATTEMPTS = 3;

    /** A prompt on the wire is one JSON string inside a line of at most 64 KiB; leave room for the rest. */
    static final int MAX_PROMPT_BYTES = 60_000;

    private final MeshSession mesh;
    private final TaskBoard board;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Duration answerTimeout;

    Prompts(MeshSession mesh, TaskBoard board, int maxInFlight, int maxWaiting, Duration answerTimeout) {
        this.mesh = mesh;
        this.board = board;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight, true);
        this.maxWaiting = maxWaiting;
        this.answerTimeout = answerTimeout;
    }

    /** A prompt and its variants, checked for what the wire can carry. */
    static PromptRequest request(String prompt, String npuPrompt, String cpuPrompt) {
        check("prompt", prompt);
        check("npu_prompt", npuPrompt);
        check("cpu_prompt", cpuPrompt);
        return new PromptRequest(prompt, fill(npuPrompt, prompt), fill(cpuPrompt, prompt));
    }

    private static String fill(String template, String prompt) {
        return template == null || template.isBlank() ? null : template.replace("{prompt}", prompt);
    }

    private static void check(String field, String text) {
        if (text != null && Json.write(text).getBytes(StandardCharsets.UTF_8).length > MAX_PROMPT_BYTES) {
            throw new ApiError(413, "prompt_too_long", "\"" + field + "\" is " + text.length()
                    + " characters; a prompt travels in one line of the mesh's wire format and must stay under "
                    + MAX_PROMPT_BYTES + " bytes as JSON", field);
        }
    }

    /**
     * Submits {@code request} once a place in the mesh is free, and returns its task id and the
     * future of its end. The place is given back when the task ends.
     */
    Submitted submit(PromptRequest request) {
        if (!inFlight.tryAcquire()) {
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw new ApiError(429, "too_many_requests", maxInFlight + " prompts are in the mesh and "
                        + maxWaiting + " are waiting; retry later", null);
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiError(503, "shutting_down", "the service is stopping", null);
            } finally {
                waiting.decrementAndGet();
            }
        }
        String taskId;
        try {
            taskId = mesh.submit(request).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            inFlight.release();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ApiError(503, "orchestrator_unavailable", "the orchestrator did not take the prompt: " + e, null);
        }
        CompletableFuture<TaskBoard.Task> end = new CompletableFuture<>();
        follow(request, taskId, 1, end);
        end.whenComplete((t, error) -> inFlight.release());
        return new Submitted(taskId, end);
    }

    /**
     * Completes {@code end} with the task's end; a task the mesh refused as full (every device busy
     * at that moment) is asked again as a new auction, up to {@link #ATTEMPTS} times. Runs on the
     * orchestrator's thread when a task ends, so it never blocks.
     */
    private void follow(PromptRequest request, String taskId, int attempt, CompletableFuture<TaskBoard.Task> end) {
        CompletableFuture<TaskBoard.Task> ending = board.ending(taskId).orElse(null);
        if (ending == null) {
            end.completeExceptionally(new IllegalStateException("task " + taskId + " is not on the board"));
            return;
        }
        ending.whenComplete((task, error) -> {
            if (error != null) {
                end.completeExceptionally(error);
            } else if (task.busy() && attempt < ATTEMPTS && !end.isDone()) {
                mesh.submit(request).whenComplete((next, refused) -> {
                    if (refused != null) {
                        end.complete(task);
                    } else {
                        board.retried(taskId, next);
                        follow(request, next, attempt + 1, end);
                    }
                });
            } else {
                end.complete(task);
            }
        });
    }

    record Submitted(String taskId, CompletableFuture<TaskBoard.Task> end) {
    }

    /** Waits for the task's end, up to the answer timeout; a 504 naming the task after that. */
    TaskBoard.Task await(Submitted submitted) {
        try {
            return submitted.end().get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiError(504, "timeout", "no answer from the mesh within " + answerTimeout.toSeconds()
                    + " s; follow the task at GET /api/tasks/" + submitted.taskId(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "shutting_down", "the service is stopping", null);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    int waiting() {
        return waiting.get();
    }

    int maxInFlight() {
        return maxInFlight;
    }
}
