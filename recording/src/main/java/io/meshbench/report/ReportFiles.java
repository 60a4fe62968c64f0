package io.meshbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's report to a folder: {@code report.html} (self-contained), {@code summary.json}
 * (the {@link RunSummary}), {@code tasks.csv} (one row per task) and {@code devices.csv}. A target
 * named {@code NAME.html} is the page itself, with {@code NAME.summary.json}, {@code NAME.tasks.csv}
 * and {@code NAME.devices.csv} beside it.
 */
public final class ReportFiles {

    public static final String HTML = "report.html";
    public static final String SUMMARY = "summary.json";
    public static final String TASKS = "tasks.csv";
    public static final String DEVICES = "devices.csv";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    /** Whether {@code target} names a page ({@code NAME.html}) rather than a folder. */
    public static boolean isPage(Path target) {
        String name = target.getFileName() == null ? "" : target.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".html") || name.endsWith(".htm");
    }

    /** The file {@code name} of a report written to {@code target} (a folder, or a page with its files beside it). */
    public static Path file(Path target, String name) {
        if (!isPage(target)) {
            return target.resolve(name);
        }
        if (name.equals(HTML)) {
            return target;
        }
        String page = target.getFileName().toString();
        return target.resolveSibling(page.substring(0, page.lastIndexOf('.')) + "." + name);
    }

    /** Writes every file to {@code target} (a folder, made if missing, or NAME.html) and returns the page's path. */
    public static Path write(RunReport report, Path target) throws IOException {
        Path html = file(target, HTML);
        Files.createDirectories(html.toAbsolutePath().getParent());
        Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
        JSON.writeValue(file(target, SUMMARY).toFile(), report.summary());
        try (Writer out = Files.newBufferedWriter(file(target, TASKS), StandardCharsets.UTF_8)) {
            out.write("task_id,orchestrator,start_s,status,reason,strategy,bids,closed_by,device,npu,bidding_ms,"
                    + "selection_ms,device_ms,transfer_ms,total_ms,prompt_tokens,generated_tokens\n");
            for (TaskRow t : report.tasks()) {
                row(out, t.taskId(), t.orchestrator(), t.opened() < 0 ? "" : num(t.opened() / 1e9), t.status(),
                        t.reason(), t.strategy(), Integer.toString(t.bids()), t.closedBy(), t.device(),
                        t.device().isEmpty() ? "" : Boolean.toString(t.npu()), ms(t.bidding()), ms(t.selection()),
                        ms(t.deviceExecution()), ms(t.transfer()), ms(t.total()), Integer.toString(t.promptTokens()),
                        Integer.toString(t.generatedTokens()));
            }
        }
        try (Writer out = Files.newBufferedWriter(file(target, DEVICES), StandardCharsets.UTF_8)) {
            out.write("device,bids,missed_bids,wins,assigned,completed,npu_tasks,failed_runs,busy_s,first_battery,"
                    + "last_battery,min_battery,stops\n");
            for (DeviceStats d : report.devices()) {
                row(out, d.device(), Integer.toString(d.bids()), Integer.toString(d.missed()), Integer.toString(d.wins()),
                        Integer.toString(d.assigned()), Integer.toString(d.completed()), Integer.toString(d.npuTasks()),
                        Integer.toString(d.failedRuns()), num(d.busy() / 1e9), battery(d.firstBattery()),
                        battery(d.lastBattery()), battery(d.minBattery()), Integer.toString(d.stops()));
            }
        }
        return html;
    }

    /** Reads a {@code summary.json} back, for putting runs side by side. */
    public static RunSummary readSummary(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RunSummary.class);
    }

    private static void row(Writer out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csv(cells[i]));
        }
        out.write('\n');
    }

    /** RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled. */
    static String csv(String cell) {
        if (cell == null) {
            return "";
        }
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "" : num(nanos / 1e6);
    }

    private static String battery(int percent) {
        return percent < 0 ? "" : Integer.toString(percent);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** The files {@link #write} makes. */
    public static List<String> names() {
        return List.of(HTML, SUMMARY, TASKS, DEVICES);
    }
}
