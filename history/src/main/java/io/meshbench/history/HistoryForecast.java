package io.meshbench.history;

import io.meshbench.schedule.Forecast;

/**
 * Gives an orchestrator's {@link Forecast} the memory of earlier runs: the newest {@value #LIMIT}
 * completed tasks of live meshes, recordings and phones' logs in the window (scenarios' simulated
 * devices are left out), oldest first, as the forecast would have learnt it live (its
 * time from {@code TASK} to {@code RESULT} over the tasks ahead of it plus one), so that the
 * decaying average ends on the newest. {@code fastest-expected} then starts warm.
 */
public final class HistoryForecast {

    /** At most this many tasks are read: the decaying average forgets older ones anyway. */
    public static final int LIMIT = 20_000;

    private HistoryForecast() {
    }

    /** Feeds {@code forecast}; returns how many tasks it learnt from. */
    public static int seed(HistoryStore store, Forecast forecast, long sinceMs, long untilMs) {
        int learnt = 0;
        for (TaskRecord r : store.forecastRows(sinceMs, untilMs, LIMIT)) {
            int ahead = r.ahead() == null ? 0 : r.ahead();
            forecast.observe(r.device(), r.npu(), r.promptTokens() == null ? 0 : r.promptTokens(),
                    r.executionMs() / 1000 / (ahead + 1));
            learnt++;
        }
        return learnt;
    }
}
