package io.meshbench.plugins.llama.testing;

import io.meshbench.plugin.api.SlmEngine;
import io.meshbench.plugin.api.SlmResult;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Records one run: its output pieces and its ends (there must be exactly one). */
public final class RecordingListener implements SlmEngine.Listener {
    public final List<String> pieces = new CopyOnWriteArrayList<>();
    public final List<SlmResult> ends = new CopyOnWriteArrayList<>();
    public final CompletableFuture<SlmResult> end = new CompletableFuture<>();
    public final CompletableFuture<String> firstOutput = new CompletableFuture<>();

    @Override
    public void onOutput(String text) {
        pieces.add(text);
        firstOutput.complete(text);
    }

    @Override
    public void onComplete(SlmResult result) {
        ends.add(result);
        end.complete(result);
    }

    /** The end, waiting at most a minute. */
    public SlmResult await() throws Exception {
        return end.get(60, TimeUnit.SECONDS);
    }
}
