package io.meshbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Several runs side by side, one column each: as a text table for the console, or as an HTML page. */
public final class SummaryTable {

    /** Device rows shown at most; a mesh of a hundred phones is summed up by the other rows. */
    static final int DEVICE_ROWS = 12;

    private SummaryTable() {
    }

    private record Row(String label, Function<RunSummary, String> value) {
    }

    private static List<Row> rows(List<RunSummary> runs) {
        List<Row> rows = new ArrayList<>(List.of(
                new Row("duration", s -> HtmlReport.seconds(s.durationSeconds())),
                new Row("devices", s -> Integer.toString(s.devices())),
                new Row("tasks", s -> Integer.toString(s.tasks())),
                new Row("completed", s -> Integer.toString(s.completed())),
                new Row("failed", s -> Integer.toString(s.failed())),
                new Row("unfinished", s -> Integer.toString(s.unfinished())),
                new Row("p50 latency", s -> s.latency() == null ? "-" : HtmlReport.ms(s.latency().p50())),
                new Row("p95 latency", s -> s.latency() == null ? "-" : HtmlReport.ms(s.latency().p95())),
                new Row("p99 latency", s -> s.latency() == null ? "-" : HtmlReport.ms(s.latency().p99())),
                new Row("mean latency", s -> s.latency() == null ? "-" : HtmlReport.ms(s.latency().mean())),
                new Row("mean bidding", s -> s.split() == null ? "-" : HtmlReport.ms(s.split().bidding())),
                new Row("mean selection", s -> s.split() == null ? "-" : HtmlReport.ms(s.split().selection())),
                new Row("mean device run", s -> s.split() == null ? "-" : HtmlReport.ms(s.split().deviceExecution())),
                new Row("mean transfer", s -> s.split() == null ? "-" : HtmlReport.ms(s.split().transfer())),
                new Row("NPU share", s -> String.format(Locale.ROOT, "%.1f%%", 100 * s.npuShare())),
                new Row("closed by bid deadline", s -> Integer.toString(s.auctionsClosedByDeadline())),
                new Row("missed bids", s -> Integer.toString(s.missedBids())),
                new Row("result timeouts", s -> Integer.toString(s.resultTimeouts())),
                new Row("deadline misses", s -> s.taskDeadlineMs() == null ? "-" : Integer.toString(s.deadlineMisses())),
                new Row("tasks queued", s -> Integer.toString(s.queue().tasksQueued())),
                new Row("longest queue", s -> Integer.toString(s.queue().longestQueue())),
                new Row("queue wait p99", s -> s.queue().tasksQueued() == 0 ? "-" : HtmlReport.ms(s.queue().waitP99Ms())),
                new Row("lowest battery", s -> s.minBattery().values().stream().min(Integer::compare)
                        .map(b -> b + "%").orElse("-")),
                new Row("failovers", s -> s.failover() == null ? "-" : Long.toString(s.failover().failovers())),
                new Row("peers down", s -> s.failover() == null ? "-" : Long.toString(s.failover().peersDown())),
                new Row("messages", s -> Long.toString(s.messages())),
                new Row("problems", s -> Long.toString(s.problems())),
                new Row("rejected, by kind", s -> s.rejections() == null || s.rejections().isEmpty() ? "-"
                        : s.rejections().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")))));
        Set<String> devices = new LinkedHashSet<>();
        runs.forEach(r -> devices.addAll(r.tasksPerDevice().keySet()));
        if (devices.size() <= DEVICE_ROWS) {
            for (String device : devices) {
                rows.add(new Row("tasks on " + device, s -> s.tasksPerDevice().containsKey(device)
                        ? Integer.toString(s.tasksPerDevice().get(device)) : "-"));
            }
        }
        return rows;
    }

    /** A fixed-width table, one column per run. */
    public static String text(List<RunSummary> runs) {
        List<Row> rows = rows(runs);
        int labelWidth = "run".length();
        for (Row row : rows) {
            labelWidth = Math.max(labelWidth, row.label().length());
        }
        List<Integer> widths = new ArrayList<>();
        for (RunSummary run : runs) {
            int w = run.name().length();
            for (Row row : rows) {
                w = Math.max(w, row.value().apply(run).length());
            }
            widths.add(w);
        }
        StringBuilder out = new StringBuilder();
        line(out, labelWidth, widths, "run", runs.stream().map(RunSummary::name).toList());
        out.append("-".repeat(labelWidth + widths.stream().mapToInt(w -> w + 2).sum())).append('\n');
        for (Row row : rows) {
            line(out, labelWidth, widths, row.label(), runs.stream().map(row.value()).toList());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, int labelWidth, List<Integer> widths, String label, List<String> cells) {
        out.append(String.format(Locale.ROOT, "%-" + labelWidth + "s", label));
        for (int i = 0; i < cells.size(); i++) {
            out.append(String.format(Locale.ROOT, "  %" + widths.get(i) + "s", cells.get(i)));
        }
        out.append('\n');
    }

    /** A self-contained HTML page with the runs side by side. */
    public static String html(List<RunSummary> runs) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                + "<title>MeshBench: runs side by side</title><style>" + Html.STYLE + "</style></head><body>"
                + "<h1>Runs side by side</h1><table><tr><th class='t'>run</th>");
        runs.forEach(r -> html.append("<th>").append(Html.escape(r.name())).append("</th>"));
        html.append("</tr>");
        for (Row row : rows(runs)) {
            html.append("<tr><th class='t'>").append(Html.escape(row.label())).append("</th>");
            runs.forEach(r -> html.append("<td>").append(Html.escape(row.value().apply(r))).append("</td>"));
            html.append("</tr>");
        }
        html.append("</table>");
        List<String> names = runs.stream().map(RunSummary::name).toList();
        html.append("<h2>Latency of completed tasks</h2>").append(Plots.bars("Latency by run", names,
                List.of("mean", "p95", "p99"), runs.stream().map(r -> r.latency() == null ? new double[] {-1, -1, -1}
                        : new double[] {r.latency().mean(), r.latency().p95(), r.latency().p99()}).toList(), "ms"));
        html.append("<h2>Where the work went</h2>").append(Plots.bars("NPU share and failures by run", names,
                List.of("NPU share %", "failed %"), runs.stream().map(r -> new double[] {r.npuShare() * 100,
                        r.tasks() == 0 ? -1 : 100.0 * r.failed() / r.tasks()}).toList(), "%"));
        html.append("<h2>Battery</h2>").append(Plots.bars("Lowest battery by run", names,
                List.of("lowest device", "highest device's lowest"), runs.stream().map(r -> new double[] {
                        r.minBattery().values().stream().mapToInt(Integer::intValue).min().orElse(-1),
                        r.minBattery().values().stream().mapToInt(Integer::intValue).max().orElse(-1)}).toList(), "%"));
        return html.append("</body></html>\n").toString();
    }
}
