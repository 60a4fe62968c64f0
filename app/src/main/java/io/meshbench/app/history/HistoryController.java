package io.meshbench.app.history;

import io.meshbench.history.HistoryStats;
import io.meshbench.history.HistoryStore;
import io.meshbench.history.TaskRecord;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The History window's controller: reads the history file off the UI thread, folds it into the rows
 * of the tables (per device and unit, per strategy, per priority) and the series of the plots (each
 * device's p50/p95/p99; each strategy's p95 over time), and hands them to the model on the UI thread.
 * A file that cannot be read is one line in the window, never a stack trace. Tested without the toolkit.
 */
public final class HistoryController {

    /** The time windows offered: label and length in ms (0: everything). */
    static final Map<String, Long> WINDOWS = windows();

    /** Buckets of the plot over time. */
    static final int BUCKETS = 30;

    final HistoryModel model = new HistoryModel();
    private final Executor background;
    private final Executor ui;
    private final LongSupplier clock;
    private HistoryView view;

    HistoryController(Executor background, Executor ui, LongSupplier clock) {
        this.background = background;
        this.ui = ui;
        this.clock = clock;
    }

    /** For the window: reads on a virtual thread, shows on the FX thread. */
    public static HistoryController forWindow() {
        return new HistoryController(r -> Thread.ofVirtual().name("meshbench-history-read").start(r),
                Platform::runLater, System::currentTimeMillis);
    }

    /** The view, made on first use (on the FX thread). */
    public HistoryView view() {
        if (view == null) {
            view = new HistoryView(this, model);
        }
        return view;
    }

    private static Map<String, Long> windows() {
        Map<String, Long> w = new java.util.LinkedHashMap<>();
        w.put("all time", 0L);
        w.put("last hour", 3_600_000L);
        w.put("last 24 hours", 86_400_000L);
        w.put("last 7 days", 7 * 86_400_000L);
        w.put("last 30 days", 30 * 86_400_000L);
        return w;
    }

    /** Reads {@code file} over the chosen window and shows it. */
    public void load(Path file, String window) {
        model.file.set(file.toString());
        model.window.set(window);
        model.status.set("reading " + file + " …");
        long now = clock.getAsLong();
        long length = WINDOWS.getOrDefault(window, 0L);
        long since = length == 0 ? Long.MIN_VALUE : now - length;
        background.execute(() -> {
            Loaded loaded;
            try (HistoryStore store = HistoryStore.open(file)) {
                HistoryStats stats = HistoryStats.of(store, since, Long.MAX_VALUE, r -> true);
                loaded = new Loaded(stats, overTime(store.tasks(since, Long.MAX_VALUE)), null);
            } catch (RuntimeException e) { // HistoryException: a file that cannot be used, said as such
                loaded = new Loaded(null, Map.of(), e.getMessage());
            }
            Loaded shown = loaded;
            ui.execute(() -> show(shown, file, window));
        });
    }

    /** Reads the same file and window again. */
    public void onRefresh() {
        if (model.file.get() != null && !model.file.get().isEmpty()) {
            load(Path.of(model.file.get()), model.window.get());
        }
    }

    record Loaded(HistoryStats stats, Map<String, List<Point>> overTime, String error) {
    }

    /** A point of the plot over time: the bucket's middle (ms since the epoch) and its p95 latency in ms. */
    record Point(long timeMs, double p95Ms) {
    }

    private void show(Loaded loaded, Path file, String window) {
        if (loaded.error() != null) {
            model.devices.clear();
            model.strategies.clear();
            model.priorities.clear();
            model.overTime.clear();
            model.status.set("⚠ " + loaded.error());
            return;
        }
        HistoryStats s = loaded.stats();
        model.devices.setAll(s.devices().stream().map(g -> row(g, true)).toList());
        model.strategies.setAll(s.strategies().stream().map(g -> row(g, false)).toList());
        model.priorities.setAll(s.priorities().stream().map(g -> row(g, false)).toList());
        model.overTime.clear();
        model.overTime.putAll(loaded.overTime());
        model.status.set(String.format(Locale.ROOT, "%s: %,d tasks, %s; %.1f%% completed, p99 %s", file, s.tasks(),
                window, 100 * s.all().successRate(), ms(s.all().p99Ms())));
    }

    /** One table row, as text, and the numbers the bar chart plots. */
    record Row(String key, String unit, String tasks, String success, String p50, String p95, String p99,
               String tokensOrNpu, String queueP99, double p50Ms, double p95Ms, double p99Ms) {
    }

    static Row row(HistoryStats.Group g, boolean device) {
        return new Row(g.key(), device ? g.unit() : "", String.format(Locale.ROOT, "%,d", g.tasks()),
                String.format(Locale.ROOT, "%.1f%%", 100 * g.successRate()), ms(g.p50Ms()), ms(g.p95Ms()), ms(g.p99Ms()),
                device ? (g.tokensPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.1f", g.tokensPerSecond()))
                        : String.format(Locale.ROOT, "%.0f%%", 100 * g.npuShare()),
                ms(g.queueWaitP99Ms()), nz(g.p50Ms()), nz(g.p95Ms()), nz(g.p99Ms()));
    }

    /** Each strategy's completed tasks in {@value #BUCKETS} equal spans of the window's time, p95 of each span. */
    static Map<String, List<Point>> overTime(List<TaskRecord> tasks) {
        List<TaskRecord> done = tasks.stream().filter(t -> "completed".equals(t.status()) && t.latencyMs() != null)
                .toList();
        Map<String, List<Point>> series = new TreeMap<>();
        if (done.isEmpty()) {
            return series;
        }
        long first = done.stream().mapToLong(TaskRecord::openedMs).min().orElseThrow();
        long last = done.stream().mapToLong(TaskRecord::openedMs).max().orElseThrow();
        double span = Math.max(1, last - first + 1) / (double) BUCKETS;
        Map<String, List<List<Double>>> buckets = new TreeMap<>();
        for (TaskRecord t : done) {
            String key = t.strategy() == null ? "(unknown)" : t.strategy();
            List<List<Double>> b = buckets.computeIfAbsent(key, k -> {
                List<List<Double>> list = new ArrayList<>();
                for (int i = 0; i < BUCKETS; i++) {
                    list.add(new ArrayList<>());
                }
                return list;
            });
            b.get(Math.min(BUCKETS - 1, (int) ((t.openedMs() - first) / span))).add(t.latencyMs());
        }
        buckets.forEach((strategy, b) -> {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < BUCKETS; i++) {
                if (!b.get(i).isEmpty()) {
                    double[] sorted = b.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    double p95 = sorted[Math.clamp((int) Math.ceil(0.95 * sorted.length) - 1, 0, sorted.length - 1)];
                    points.add(new Point(first + (long) ((i + 0.5) * span), p95));
                }
            }
            series.put(strategy, points);
        });
        return series;
    }

    private static double nz(Double v) {
        return v == null ? 0 : v;
    }

    static String ms(Double ms) {
        if (ms == null) {
            return "-";
        }
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
