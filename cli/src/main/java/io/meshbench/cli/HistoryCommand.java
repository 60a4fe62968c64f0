package io.meshbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.meshbench.adb.AgentLog;
import io.meshbench.history.HistoryRecorder;
import io.meshbench.history.HistoryStats;
import io.meshbench.history.HistoryStore;
import io.meshbench.history.TaskRecord;
import io.meshbench.record.RecordingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code meshbench history}: what the history file says, per device and unit and per strategy, over a time window. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Statistics of the tasks kept in the history file (live meshes keep theirs; scenario run "
                + "--history; --import for recordings and phones' logs): per device and NPU/CPU, and per strategy, "
                + "the tasks, success rate, latency p50/p95/p99 (nearest rank, over completed tasks), tokens a second "
                + "and queue waits."})
final class HistoryCommand implements Callable<Integer> {

    private static final Pattern AGO = Pattern.compile("(\\d+(?:\\.\\d+)?)(s|m|h|d)");

    @Option(names = "--history", paramLabel = "FILE",
            description = "The history file (default: ~/.meshbench/history.db, or $MESHBENCH_HISTORY).")
    Path file;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only tasks from then on: an age (30m, 24h, 7d), a date (2026-12-01) or an instant (2026-12-01T10:00:00Z).")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "Only tasks up to then, written as for --since.")
    String until;

    @Option(names = "--device", paramLabel = "ID", description = "Only tasks of this device.")
    String device;

    @Option(names = "--strategy", paramLabel = "NAME", description = "Only tasks chosen by this strategy.")
    String strategy;

    @Option(names = "--source", paramLabel = "KIND", description = "Only tasks from live, scenario, recording or phone-log.")
    String source;

    @Option(names = "--import", paramLabel = "FILE", description = "First add the tasks of these files: recordings "
            + "(--record) or phone agents' logs (mesh_ID.log, from `meshbench logs`). Repeatable.")
    List<Path> imports = new ArrayList<>();

    @Option(names = "--csv", description = "Print CSV: one row per device and unit, per strategy, per priority, and all.")
    boolean csv;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--window", description = "Open the history in a window: tables per device, strategy and priority, "
            + "and plots of each device's latency and each strategy's p95 over time.")
    boolean window;

    @Override
    public Integer call() throws Exception {
        if (csv && json) {
            throw new IllegalArgumentException("give --csv or --json, not both");
        }
        long now = System.currentTimeMillis();
        long from = since == null ? Long.MIN_VALUE : when("--since", since, now);
        long to = until == null ? Long.MAX_VALUE : when("--until", until, now);
        Path path = file != null ? file : HistoryStore.defaultPath();
        for (Path imported : imports) {
            importFile(path, imported);
        }
        if (window) {
            return io.meshbench.cli.window.Windows.require("history --window").history(path, System.err);
        }
        Predicate<TaskRecord> filter = r -> (device == null || device.equals(r.device()))
                && (strategy == null || strategy.equals(r.strategy())) && (source == null || source.equals(r.source()));
        HistoryStats stats;
        try (HistoryStore store = HistoryStore.open(path)) {
            stats = HistoryStats.of(store, from, to, filter);
        }
        PrintStream out = System.out;
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(stats));
        } else if (csv) {
            out.println("group,key,unit,tasks,completed,success_rate,p50_ms,p95_ms,p99_ms,tokens_per_s,npu_share,queue_wait_p99_ms");
            stats.devices().forEach(g -> out.println(csv("device", g)));
            stats.strategies().forEach(g -> out.println(csv("strategy", g)));
            stats.priorities().forEach(g -> out.println(csv("priority", g)));
            out.println(csv("all", stats.all()));
        } else {
            print(out, path, stats);
        }
        return 0;
    }

    /** An age before {@code now}, a date (midnight UTC) or an instant, in ms since the epoch. */
    static long when(String option, String text, long now) {
        Matcher m = AGO.matcher(text.strip());
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            return now - (long) (amount * unit);
        }
        try {
            return Instant.parse(text.strip()).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " must be an age (30m, 24h, 7d), a date (2026-12-01) or an "
                        + "instant (2026-12-01T10:00:00Z), got \"" + text + "\"");
            }
        }
    }

    private static void importFile(Path history, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--import " + file + ": no such file");
        }
        boolean recording;
        try {
            RecordingReader.header(file);
            recording = true;
        } catch (IOException e) { // RecordingFormatException: not a recording
            recording = false;
        }
        long before;
        long after;
        try (HistoryRecorder recorder = new HistoryRecorder(HistoryStore.open(history), recording ? "recording"
                : "phone-log", true)) {
            before = recorder.store().count();
            if (recording) {
                RecordingReader.stream(file, recorder);
            } else {
                String deviceId = phoneLogDevice(file);
                AgentLog log = new AgentLog();
                int lines = 0;
                int read = 0;
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines++;
                        var event = log.toEvent(deviceId, line);
                        if (event.isPresent()) {
                            read++;
                            recorder.accept(event.get());
                        }
                    }
                }
                if (lines > 0 && read == 0) {
                    throw new IllegalArgumentException("--import " + file + ": neither a MeshBench recording nor a phone "
                            + "agent's log (mesh_ID.log); nothing imported");
                }
            }
            recorder.close();
            try (HistoryStore store = HistoryStore.open(history)) {
                after = store.count();
            }
        }
        System.err.println("meshbench: imported " + (after - before) + " tasks from " + file + " into " + history);
    }

    /** The device of a phone's log: mesh_Device_B.log is Device_B's. */
    private static String phoneLogDevice(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("mesh_") && name.endsWith(".log") ? name.substring(5, name.length() - 4) : name;
    }

    private static void print(PrintStream out, Path path, HistoryStats stats) {
        out.printf(Locale.ROOT, "History %s: %,d tasks%s%n%n", path, stats.tasks(), window(stats));
        if (stats.tasks() == 0) {
            out.println("No tasks in this window. Live meshes (demo, orchestrate) keep theirs; scenario run --history; "
                    + "history --import FILE for recordings and phones' logs.");
            return;
        }
        String head = "%-22s %-4s %7s %8s %10s %10s %10s %9s %10s%n";
        out.printf(Locale.ROOT, head, "device", "unit", "tasks", "success", "p50", "p95", "p99", "tokens/s", "queue p99");
        stats.devices().forEach(g -> row(out, head, g, g.unit()));
        out.println();
        out.printf(Locale.ROOT, head, "strategy", "", "tasks", "success", "p50", "p95", "p99", "NPU", "queue p99");
        stats.strategies().forEach(g -> row(out, head, g, ""));
        out.println();
        if (stats.priorities().size() > 1 || stats.priorities().stream().anyMatch(g -> g.queueWaitP99Ms() != null)) {
            out.printf(Locale.ROOT, head, "priority", "", "tasks", "success", "p50", "p95", "p99", "NPU", "queue p99");
            stats.priorities().forEach(g -> row(out, head, g, ""));
            out.println();
        }
        row(out, head, stats.all(), "");
    }

    private static String window(HistoryStats stats) {
        if (stats.sinceMs() == Long.MIN_VALUE && stats.untilMs() == Long.MAX_VALUE) {
            return "";
        }
        return " from " + (stats.sinceMs() == Long.MIN_VALUE ? "the start" : Instant.ofEpochMilli(stats.sinceMs()))
                + " to " + (stats.untilMs() == Long.MAX_VALUE ? "now" : Instant.ofEpochMilli(stats.untilMs()));
    }

    private static void row(PrintStream out, String format, HistoryStats.Group g, String unit) {
        boolean strategyRow = unit.isEmpty() && !g.unit().equals("NPU") && !g.unit().equals("CPU");
        out.printf(Locale.ROOT, format, g.key(), unit, String.format(Locale.ROOT, "%,d", g.tasks()),
                String.format(Locale.ROOT, "%.1f%%", 100 * g.successRate()), ms(g.p50Ms()), ms(g.p95Ms()), ms(g.p99Ms()),
                strategyRow ? String.format(Locale.ROOT, "%.0f%%", 100 * g.npuShare())
                        : g.tokensPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.1f", g.tokensPerSecond()),
                ms(g.queueWaitP99Ms()));
    }

    private static String ms(Double ms) {
        if (ms == null) {
            return "-";
        }
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static String csv(String group, HistoryStats.Group g) {
        return String.join(",", group, quote(g.key()), g.unit(), Integer.toString(g.tasks()), Integer.toString(g.completed()),
                num(g.successRate()), num(g.p50Ms()), num(g.p95Ms()), num(g.p99Ms()), num(g.tokensPerSecond()),
                num(g.npuShare()), num(g.queueWaitP99Ms()));
    }

    private static String num(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

}
