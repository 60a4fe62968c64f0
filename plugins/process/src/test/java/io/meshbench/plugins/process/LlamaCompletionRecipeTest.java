package io.meshbench.plugins.process;

import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmRequest;
import io.meshbench.plugin.api.SlmResult;
import io.meshbench.plugins.llama.testing.LlamaCppTools;
import io.meshbench.plugins.llama.testing.RecordingListener;
import io.meshbench.plugins.llama.testing.TinyGguf;
import io.meshbench.plugins.llama.testing.WallClockContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's recipe for the process engine with llama.cpp's own program ({@code llama-completion},
 * built once by scripts/llama-cpp), on the tiny test model: the answer is its standard output, the
 * token counts and times come from llama.cpp's report on standard error.
 */
class LlamaCompletionRecipeTest {

    @TempDir
    Path dir;

    private Map<String, Object> recipe(Path model, int tokens) {
        return Map.of(
                "command", List.of(LlamaCppTools.program("llama-completion").toString(), "-m", model.toString(),
                        "-f", "{prompt_file}", "-n", Integer.toString(tokens), "-no-cnv", "--no-display-prompt",
                        "--simple-io", "-t", "1", "-c", "2048", "--temp", "0.8"),
                "prompt_via", "file",
                "report", "llama.cpp");
    }

    @Test
    void theAnswerIsTheModelsTextAndTheCountsAreLlamaCppsOwn() throws Exception {
        Path model = TinyGguf.write(dir.resolve("tiny.gguf"), 42);
        try (WallClockContext context = new WallClockContext(recipe(model, 24));
             SlmEngine engine = new ProcessSlmProvider().create(context)) {
            RecordingListener run = new RecordingListener();
            engine.start(new SlmRequest("task_1", "the sun sets over the ocean", false, Duration.ofSeconds(60)), run);
            SlmResult result = run.await();
            assertEquals(SlmResult.Status.COMPLETED, result.status(), result.error());
            assertEquals(24, result.generatedTokens(), result.toString());
            assertEquals("the sun sets over the ocean".length() + 2, result.promptTokens(),
                    "<s>, a leading space and a token a character: " + result);
            assertFalse(result.output().isBlank());
            assertFalse(result.output().contains("the sun sets over the ocean"), "the prompt is not echoed: "
                    + result.output());
            assertFalse(result.output().contains("llama_perf"), "the report is not in the answer");
            assertTrue(result.prefillTokensPerSecond() > 0 && result.decodeTokensPerSecond() > 0, result.toString());
        }
    }

    @Test
    void withoutTheReportSettingTheCountsStayUnknown() throws Exception {
        Path model = TinyGguf.write(dir.resolve("tiny.gguf"), 42);
        Map<String, Object> config = new java.util.HashMap<>(recipe(model, 4));
        config.remove("report");
        try (WallClockContext context = new WallClockContext(config);
             SlmEngine engine = new ProcessSlmProvider().create(context)) {
            RecordingListener run = new RecordingListener();
            engine.start(new SlmRequest("task_1", "hi", false, Duration.ofSeconds(60)), run);
            SlmResult result = run.await();
            assertEquals(SlmResult.Status.COMPLETED, result.status(), result.error());
            assertEquals(-1, result.generatedTokens());
        }
    }
}
