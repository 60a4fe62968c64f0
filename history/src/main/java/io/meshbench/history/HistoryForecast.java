package io.meshbench.history;

import io.meshbench.schedule.Forecast;

/**
 * Gives an orchestrator's {@link Forecast} the memory of earlier runs: every completed task of the
 * window in the history, oldest first, as the forecast would have learnt it live (its
 * time from {@code TASK} to {@code RESULT} over the tasks ahead of it plus one), so that the
 * decaying average ends on the newest. {@code fastest-expected} then starts warm.
 */
public final class HistoryForecast {

    private HistoryForecast() {
    }

    /** Feeds {@code forecast}; returns how many tasks it learnt from. */
    public static int seed(HistoryStore store, Forecast forecast, long sinceMs, long untilMs) {
        int learnt = 0;
        for (TaskRecord r : store.tasks(sinceMs, untilMs)) {
            if ("completed".equals(r.status()) && r.device() != null && r.npu() != null && r.executionMs() != null) {
                int ahead = r.ahead() == null ? 0 : r.ahead();
                forecast.observe(r.device(), r.npu(), r.promptTokens() == null ? 0 : r.promptTokens(),
                        r.executionMs() / 1000 / (ahead + 1));
                learnt++;
            }
        }
        return learnt;
    }
}
