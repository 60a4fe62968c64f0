package io.meshbench.app.console;

import io.meshbench.auction.PromptRequest;
import io.meshbench.schedule.Priority;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The console's prompts carry the priority its box is set to (no toolkit needed). */
class ConsoleControllerTest {

    @Test
    void aPromptGoesWithTheChosenPriority() {
        List<PromptRequest> sent = new ArrayList<>();
        ConsoleController console = new ConsoleController("Device_A", request -> {
            sent.add(request);
            return CompletableFuture.completedFuture("task_" + sent.size());
        }, Runnable::run);
        console.type("Describe a sunset", null, null);
        console.submit();
        console.setPriority(Priority.HIGH);
        console.type("Describe the sea", null, null);
        console.submit();
        assertEquals(List.of(Priority.NORMAL, Priority.HIGH), sent.stream().map(PromptRequest::priority).toList());
    }
}
