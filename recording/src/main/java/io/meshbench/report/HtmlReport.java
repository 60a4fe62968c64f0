package io.meshbench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's report as one self-contained HTML page: inline style, inline SVG plots, no script and
 * no link to anything outside, so it opens offline and can be mailed as one file.
 */
public final class HtmlReport {

    /** Rows of the task table in the page; the CSV next to it has all of them. */
    static final int TASK_ROWS = 500;

    private HtmlReport() {
    }

    public static String render(RunReport report) {
        RunSummary s = report.summary();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>MeshBench report: ")
                .append(Html.escape(s.name())).append("</title><style>").append(Html.STYLE).append("</style></head><body>");
        html.append("<h1>MeshBench run report: ").append(Html.escape(s.name())).append("</h1>");
        html.append("<p class='sub'>").append(String.format(Locale.ROOT, "%s of mesh time, %d devices, %d tasks",
                seconds(s.durationSeconds()), s.devices(), s.tasks())).append("</p>");
        if (!s.metadata().isEmpty()) {
            html.append("<table>");
            new java.util.TreeMap<>(s.metadata()).forEach((k, v) -> html.append("<tr><th class='t'>")
                    .append(Html.escape(k)).append("</th><td class='t'>").append(Html.escape(v)).append("</td></tr>"));
            html.append("</table>");
        }
        cards(html, s);
        html.append("<h2>Where the time went</h2>").append(Plots.split(s.split()));
        html.append("<h2>Latency distribution</h2>").append(Plots.latency(report.latencies(), s.latency()));
        html.append("<h2>Per-device activity</h2>").append(Plots.activity(report.activity(), report.duration()));
        html.append("<h2>Battery</h2>").append(Plots.battery(report.battery(), report.duration()));
        devices(html, report.devices());
        failures(html, s.failureReasons());
        tasks(html, report.tasks());
        html.append("<p class='note'>Written by MeshBench. Percentiles are nearest-rank at 3 significant digits. "
                + "tasks.csv, devices.csv and summary.json beside this file hold the same numbers.</p>");
        return html.append("</body></html>\n").toString();
    }

    private static void cards(StringBuilder html, RunSummary s) {
        html.append("<div class='cards'>");
        card(html, Integer.toString(s.completed()), "completed", false);
        card(html, Integer.toString(s.failed()), "failed", s.failed() > 0);
        if (s.unfinished() > 0) {
            card(html, Integer.toString(s.unfinished()), "unfinished", true);
        }
        Latency l = s.latency();
        card(html, l == null ? "-" : ms(l.p50()), "p50 latency", false);
        card(html, l == null ? "-" : ms(l.p95()), "p95 latency", false);
        card(html, l == null ? "-" : ms(l.p99()), "p99 latency", false);
        card(html, String.format(Locale.ROOT, "%.0f%%", 100 * s.npuShare()), "ran on an NPU", false);
        card(html, Integer.toString(s.auctionsClosedByDeadline()), "auctions closed by the bid deadline",
                s.auctionsClosedByDeadline() > 0);
        card(html, Integer.toString(s.resultTimeouts()), "result timeouts", s.resultTimeouts() > 0);
        if (s.taskDeadlineMs() != null) {
            card(html, Integer.toString(s.deadlineMisses()), "missed the " + ms(s.taskDeadlineMs()) + " deadline",
                    s.deadlineMisses() > 0);
        }
        if (s.queue().tasksQueued() > 0) {
            card(html, Integer.toString(s.queue().tasksQueued()), "waited in a queue (longest "
                    + s.queue().longestQueue() + ")", false);
            card(html, ms(s.queue().waitP99Ms()), "p99 queue wait (p50 " + ms(s.queue().waitP50Ms()) + ")", false);
        }
        if (s.failover() != null && (s.failover().attemptsFailed() > 0 || s.failover().peersDown() > 0)) {
            card(html, Long.toString(s.failover().failovers()), "failovers (of " + s.failover().attemptsFailed()
                    + " failed attempts)", false);
            card(html, Long.toString(s.failover().peersDown()), "times a peer went down", s.failover().peersDown() > 0);
            card(html, Long.toString(s.failover().lateResults()), "late results kept back", false);
        }
        if (s.failover() != null && s.failover().violations() > 0) {
            card(html, Long.toString(s.failover().violations()), "history violations", true);
        }
        card(html, Long.toString(s.messages()), "messages sent", false);
        card(html, Long.toString(s.problems()), "rejected or ignored inputs", s.problems() > 0);
        html.append("</div>");
    }

    private static void card(StringBuilder html, String value, String label, boolean bad) {
        html.append("<div class='card").append(bad ? " bad" : "").append("'><b>").append(Html.escape(value))
                .append("</b><span>").append(Html.escape(label)).append("</span></div>");
    }

    private static void devices(StringBuilder html, List<DeviceStats> devices) {
        html.append("<h2>Devices</h2><table><tr><th class='t'>device</th><th>bids</th><th>missed</th><th>wins</th>"
                + "<th>assigned</th><th>completed</th><th>on NPU</th><th>failed runs</th><th>busy</th>"
                + "<th>battery</th><th>lowest</th><th>stops</th></tr>");
        for (DeviceStats d : devices) {
            html.append("<tr><td class='t'>").append(Html.escape(d.device())).append("</td>");
            for (Object v : List.of(d.bids(), d.missed(), d.wins(), d.assigned(), d.completed(), d.npuTasks(),
                    d.failedRuns())) {
                html.append("<td>").append(v).append("</td>");
            }
            html.append("<td>").append(seconds(d.busy() / 1e9)).append("</td><td>")
                    .append(d.firstBattery() < 0 ? "-" : d.firstBattery() + "% → " + d.lastBattery() + "%")
                    .append("</td><td>").append(d.minBattery() < 0 ? "-" : d.minBattery() + "%").append("</td><td>")
                    .append(d.stops()).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void failures(StringBuilder html, Map<String, Integer> reasons) {
        html.append("<h2>Failures</h2>");
        if (reasons.isEmpty()) {
            html.append("<p>No task failed.</p>");
            return;
        }
        html.append("<table><tr><th>tasks</th><th class='t'>reason</th></tr>");
        reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> html.append("<tr><td>").append(e.getValue()).append("</td><td class='t wrap'>")
                        .append(Html.escape(e.getKey())).append("</td></tr>"));
        html.append("</table>");
    }

    private static void tasks(StringBuilder html, List<TaskRow> tasks) {
        html.append("<h2>Tasks</h2>");
        if (tasks.size() > TASK_ROWS) {
            html.append("<p class='note'>The first ").append(TASK_ROWS).append(" of ").append(tasks.size())
                    .append(" tasks; tasks.csv has all of them.</p>");
        }
        html.append("<table><tr><th class='t'>task</th><th>start</th><th class='t'>status</th><th class='t'>device</th>"
                + "<th>bids</th><th>bidding</th><th>selection</th><th>device run</th><th>transfer</th><th>total</th></tr>");
        for (TaskRow t : tasks.subList(0, Math.min(TASK_ROWS, tasks.size()))) {
            html.append("<tr><td class='t'>").append(Html.escape(t.taskId())).append("</td><td>")
                    .append(t.opened() < 0 ? "-" : seconds(t.opened() / 1e9)).append("</td><td class='t'")
                    .append(t.reason().isEmpty() ? "" : " title='" + Html.escape(t.reason()) + "'").append(">")
                    .append(Html.escape(t.status())).append("</td><td class='t'>").append(Html.escape(t.device()))
                    .append(t.device().isEmpty() ? "" : t.npu() ? " (NPU)" : " (CPU)").append("</td><td>")
                    .append(t.bids()).append("</td>");
            for (long v : new long[]{t.bidding(), t.selection(), t.deviceExecution(), t.transfer(), t.total()}) {
                html.append("<td>").append(v < 0 ? "-" : ms(v / 1e6)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }

    static String ms(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms)
                : ms >= 1 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.3f ms", ms);
    }

    static String seconds(double s) {
        return s >= 120 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.2f s", s);
    }
}
