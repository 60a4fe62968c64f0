package io.meshbench.plugins.process;

import io.meshbench.plugin.api.SlmResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LlamaCppReportTest {

    private static final SlmResult DONE = SlmResult.completed("text", -1, -1, Duration.ofSeconds(1));

    @Test
    void readsTheReportOfOlderAndNewerLlamaCppReleases() {
        LlamaCppReport older = new LlamaCppReport();
        older.line("llama_perf_context_print: prompt eval time =      12.10 ms /    40 tokens (    0.30 ms per token,  3305.79 tokens per second)");
        older.line("llama_perf_context_print:        eval time =     130.70 ms /    63 runs   (    2.07 ms per token,   482.02 tokens per second)");
        SlmResult a = older.apply(DONE);
        assertEquals(40, a.promptTokens());
        assertEquals(64, a.generatedTokens(), "the runs after the first token, plus the first");
        assertEquals(Duration.ofNanos(12_100_000), a.timings().prefill());
        assertEquals(Duration.ofNanos(130_700_000), a.timings().decode());
        assertEquals(63 / 0.1307, a.decodeTokensPerSecond(), 1e-6);

        LlamaCppReport newer = new LlamaCppReport();
        newer.line("0.00.078.969 I common_perf_print: prompt eval time =       0.35 ms /    29 tokens (    0.01 ms per token, 82857.14 tokens per second)");
        newer.line("0.00.078.979 I common_perf_print:        eval time =       0.74 ms /    23 runs   (    0.03 ms per token, 30913.98 tokens per second)");
        newer.line("0.00.078.980 I common_perf_print:       total time =       1.10 ms /    52 tokens");
        SlmResult b = newer.apply(DONE);
        assertEquals(29, b.promptTokens());
        assertEquals(24, b.generatedTokens());
    }

    @Test
    void withoutAReportTheResultStaysAsItWas() {
        LlamaCppReport none = new LlamaCppReport();
        none.line("main: llama backend init");
        none.line("prompt eval time = lots");
        assertSame(DONE, none.apply(DONE));
    }
}
