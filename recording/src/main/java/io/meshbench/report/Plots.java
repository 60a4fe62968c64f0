package io.meshbench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MeshBench's one SVG plotter: the run report's plots and the benchmark pages' charts, as inline SVG
 * (no script, no external resource), so a page opens offline in any browser and prints as it looks.
 * The page styles them with {@link #STYLE}.
 */
public final class Plots {

    /** The style sheet of every page with these plots. */
    public static final String STYLE = Html.STYLE;

    static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int WIDTH = 860;
    private static final int LEFT = 120;
    private static final int RIGHT = 20;
    private static final String NPU = "#7b3fbf";
    private static final String CPU = "#2b8cbe";
    private static final String DOWN = "#e0a3a3";

    private Plots() {
    }

    /** How many tasks took how long, with the p50, p95 and p99 marked. */
    static String latency(List<Long> latencies, Latency stats) {
        int height = 260;
        int top = 20, bottom = height - 40;
        StringBuilder svg = open(height, "Latency distribution of completed tasks");
        if (latencies.isEmpty()) {
            return empty(svg, height, "no task completed");
        }
        double maxMs = latencies.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
        Axis x = Axis.of(0, Axis.niceMax(maxMs * 1.02), LEFT, WIDTH - RIGHT);
        int bins = 40;
        int[] counts = new int[bins];
        double width = (x.max() - x.min()) / bins;
        for (long l : latencies) {
            counts[Math.min(bins - 1, (int) ((l / 1e6 - x.min()) / width))]++;
        }
        int most = 0;
        for (int c : counts) {
            most = Math.max(most, c);
        }
        Axis y = Axis.of(0, Axis.niceMax(most), bottom, top);
        grid(svg, x, y, top, bottom, "ms", "tasks");
        for (int i = 0; i < bins; i++) {
            if (counts[i] > 0) {
                double x0 = x.px(x.min() + i * width);
                double x1 = x.px(x.min() + (i + 1) * width);
                svg.append(rect(x0 + 0.5, y.px(counts[i]), Math.max(1, x1 - x0 - 1), bottom - y.px(counts[i]), CPU,
                        String.format(Locale.ROOT, "%s to %s ms: %d tasks", Axis.number(x.min() + i * width),
                                Axis.number(x.min() + (i + 1) * width), counts[i])));
            }
        }
        double[] marks = {stats.p50(), stats.p95(), stats.p99()};
        String[] names = {"p50", "p95", "p99"};
        for (int i = 0; i < marks.length; i++) {
            double px = x.px(marks[i]);
            boolean left = px > WIDTH - RIGHT - 110; // near the right edge the label goes on the line's left
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' class='mark'/>"
                    + "<text x='%.1f' y='%d' class='mark' text-anchor='%s'>%s %s ms</text>", px, top, px, bottom,
                    left ? px - 3 : px + 3, top + 10 + 12 * i, left ? "end" : "start", names[i], Axis.number(marks[i])));
        }
        return svg.append("</svg>").toString();
    }

    /** One row per device: its task runs (NPU or CPU) and the times it was down. */
    static String activity(Map<String, List<RunReport.Span>> spans, long duration) {
        int rows = spans.size();
        int rowHeight = rows == 0 ? 18 : Math.max(3, Math.min(18, 480 / rows));
        int top = 24;
        int bottom = top + rows * rowHeight;
        int height = bottom + 40;
        StringBuilder svg = open(height, "Per-device activity over time");
        if (rows == 0) {
            return empty(svg, height, "no device ran a task");
        }
        double seconds = duration / 1e9;
        Axis x = Axis.of(0, Math.max(seconds, 1e-3), LEFT, WIDTH - RIGHT);
        timeGrid(svg, x, top, bottom, seconds);
        legend(svg, List.of("NPU run", "CPU run", "down"), List.of(NPU, CPU, DOWN), 8);
        int labelEvery = (int) Math.ceil(11.0 / rowHeight);
        int row = 0;
        for (Map.Entry<String, List<RunReport.Span>> device : spans.entrySet()) {
            double y0 = top + row * rowHeight;
            if (row % 2 == 0) {
                svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%.1f' width='%d' height='%d' class='band'/>",
                        LEFT, y0, WIDTH - RIGHT - LEFT, rowHeight));
            }
            if (row % labelEvery == 0) {
                svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' class='label' text-anchor='end'>%s</text>",
                        LEFT - 6, y0 + rowHeight / 2.0 + 4, Html.escape(device.getKey())));
            }
            for (RunReport.Span s : device.getValue()) {
                double x0 = x.px(s.start() / 1e9);
                double x1 = x.px(s.end() / 1e9);
                String color = switch (s.kind()) {
                    case "npu" -> NPU;
                    case "down" -> DOWN;
                    default -> CPU;
                };
                String tip = device.getKey() + ": " + ("down".equals(s.kind()) ? "down" : s.taskId() + " on "
                        + s.kind().toUpperCase(Locale.ROOT)) + String.format(Locale.ROOT, ", %.3f s to %.3f s",
                        s.start() / 1e9, s.end() / 1e9);
                svg.append(rect(x0, y0 + 1, Math.max(1, x1 - x0), Math.max(1, rowHeight - 2), color, tip));
            }
            row++;
        }
        return svg.append("</svg>").toString();
    }

    /** Each device's battery level over time. */
    static String battery(Map<String, List<RunReport.Point>> series, long duration) {
        int height = 300;
        int top = 24, bottom = height - 40;
        StringBuilder svg = open(height, "Battery over time per device");
        if (series.isEmpty()) {
            return empty(svg, height, "no device reported its battery");
        }
        double seconds = duration / 1e9;
        Axis x = Axis.of(0, Math.max(seconds, 1e-3), LEFT, WIDTH - RIGHT);
        Axis y = Axis.of(0, 100, bottom, top);
        timeGrid(svg, x, top, bottom, seconds);
        for (double t : y.ticks(5)) {
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' class='grid'/>"
                    + "<text x='%d' y='%.1f' class='label' text-anchor='end'>%s%%</text>", LEFT, y.px(t),
                    WIDTH - RIGHT, y.px(t), LEFT - 6, y.px(t) + 4, Axis.number(t)));
        }
        int i = 0;
        List<String> names = new java.util.ArrayList<>();
        List<String> colors = new java.util.ArrayList<>();
        for (Map.Entry<String, List<RunReport.Point>> device : series.entrySet()) {
            String color = PALETTE[i++ % PALETTE.length];
            StringBuilder points = new StringBuilder();
            List<RunReport.Point> list = device.getValue();
            for (RunReport.Point p : list) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.px(p.time() / 1e9), y.px(p.value())));
            }
            if (list.size() == 1) { // one sample: a short flat line, so it shows
                points.append(String.format(Locale.ROOT, "%.1f,%.1f", x.px(list.getFirst().time() / 1e9) + 4,
                        y.px(list.getFirst().value())));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points='%s' fill='none' stroke='%s' stroke-width='2'>"
                    + "<title>%s: %d%% to %d%%</title></polyline>", points.toString().strip(), color,
                    Html.escape(device.getKey()), list.getFirst().value(), list.getLast().value()));
            names.add(device.getKey());
            colors.add(color);
        }
        if (names.size() <= 12) {
            legend(svg, names, colors, 8);
        } else {
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='14' class='label'>%d devices</text>", LEFT,
                    names.size()));
        }
        return svg.append("</svg>").toString();
    }

    /** The mean time split of a completed task, as one stacked bar. */
    static String split(TimeSplit split) {
        int height = 70;
        StringBuilder svg = open(height, "Mean time split of a completed task");
        if (split == null) {
            return empty(svg, height, "no task completed");
        }
        double[] parts = {split.bidding(), split.selection(), split.deviceExecution(), split.transfer()};
        String[] names = {"bidding", "selection", "device run", "transfer"};
        String[] colors = {"#f0a202", "#d62728", NPU, CPU};
        Axis x = Axis.of(0, Math.max(split.total(), 1e-9), LEFT, WIDTH - RIGHT);
        double at = 0;
        for (int i = 0; i < parts.length; i++) {
            svg.append(rect(x.px(at), 28, Math.max(0.5, x.px(at + parts[i]) - x.px(at)), 22, colors[i],
                    String.format(Locale.ROOT, "%s: %.3f ms (%.1f%%)", names[i], parts[i], 100 * parts[i] / x.max())));
            at += parts[i];
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='44' class='label' text-anchor='end'>%s ms</text>",
                LEFT - 6, Axis.number(split.total())));
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            labels.add(String.format(Locale.ROOT, "%s %s ms", names[i], Axis.number(parts[i])));
        }
        legend(svg, labels, List.of(colors), 8);
        return svg.append("</svg>").toString();
    }

    /**
     * Grouped bars: for each run, one bar per series (e.g. mean, p95 and p99 latency), so that runs
     * can be compared at a glance. A value below zero means "none" and draws no bar.
     */
    static String bars(String title, List<String> runs, List<String> series, List<double[]> values, String unit) {
        int height = 240;
        int top = 20, bottom = height - 56;
        StringBuilder svg = open(height, title);
        double most = 0;
        for (double[] v : values) {
            for (double d : v) {
                most = Math.max(most, d);
            }
        }
        if (runs.isEmpty() || most <= 0) {
            return empty(svg, height, "nothing to compare");
        }
        Axis y = Axis.of(0, Axis.niceMax(most * 1.05), bottom, top);
        for (double t : y.ticks(4)) {
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' class='grid'/>"
                    + "<text x='%d' y='%.1f' class='label' text-anchor='end'>%s</text>", LEFT, y.px(t), WIDTH - RIGHT,
                    y.px(t), LEFT - 6, y.px(t) + 4, Axis.number(t)));
        }
        svg.append(String.format(Locale.ROOT, "<text x='14' y='%d' class='label' transform='rotate(-90 14 %d)' "
                + "text-anchor='middle'>%s</text>", (top + bottom) / 2, (top + bottom) / 2, Html.escape(unit)));
        double group = (WIDTH - RIGHT - LEFT) / (double) runs.size();
        double bar = Math.min(40, group * 0.8 / series.size());
        for (int r = 0; r < runs.size(); r++) {
            double x0 = LEFT + r * group + (group - bar * series.size()) / 2;
            for (int k = 0; k < series.size(); k++) {
                double v = values.get(r)[k];
                if (v > 0) {
                    svg.append(rect(x0 + k * bar, y.px(v), bar - 2, bottom - y.px(v), PALETTE[k % PALETTE.length],
                            runs.get(r) + ", " + series.get(k) + ": " + Axis.number(v) + " " + unit));
                }
            }
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' class='label' text-anchor='middle'>%s</text>",
                    LEFT + (r + 0.5) * group, bottom + 16, Html.escape(runs.get(r))));
        }
        legend(svg, series, java.util.Arrays.asList(PALETTE).subList(0, series.size()), height - 20);
        return svg.append("</svg>").toString();
    }

    /** Lines on log-log axes: series name to points {x, y}, e.g. round trip by peer count. */
    public static String logLines(String title, String xLabel, String yLabel, Map<String, List<double[]>> series) {
        int height = 320;
        int top = 20, bottom = height - 40, right = WIDTH - 170;
        StringBuilder svg = open(height, title);
        double xMin = Double.MAX_VALUE, xMax = 0, yMin = Double.MAX_VALUE, yMax = 0;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                xMin = Math.min(xMin, p[0]);
                xMax = Math.max(xMax, p[0]);
                yMin = Math.min(yMin, p[1]);
                yMax = Math.max(yMax, p[1]);
            }
        }
        if (xMax <= 0 || yMax <= 0) {
            return empty(svg, height, "nothing measured in this run");
        }
        LogAxis x = new LogAxis(xMin, xMax, LEFT, right);
        LogAxis y = new LogAxis(yMin, yMax, bottom, top);
        for (double t : x.ticks()) {
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' class='grid'/>"
                    + "<text x='%.1f' y='%d' class='label' text-anchor='middle'>%s</text>", x.px(t), top, x.px(t),
                    bottom, x.px(t), bottom + 16, si(t)));
        }
        for (double t : y.ticks()) {
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' class='grid'/>"
                    + "<text x='%d' y='%.1f' class='label' text-anchor='end'>%s</text>", LEFT, y.px(t), right,
                    y.px(t), LEFT - 6, y.px(t) + 4, si(t)));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='label' text-anchor='middle'>%s (log scale)</text>"
                        + "<text x='14' y='%d' class='label' transform='rotate(-90 14 %d)' text-anchor='middle'>%s (log scale)</text>",
                (LEFT + right) / 2, bottom + 34, Html.escape(xLabel), (top + bottom) / 2, (top + bottom) / 2,
                Html.escape(yLabel)));
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            String color = PALETTE[i % PALETTE.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : e.getValue()) {
                path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f,%.1f", x.px(p[0]), y.px(p[1])));
                svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'><title>%s: %s, %s</title></circle>",
                        x.px(p[0]), y.px(p[1]), color, Html.escape(e.getKey()), si(p[0]), si(p[1])));
            }
            svg.append("<path d='").append(path).append("' fill='none' stroke='").append(color).append("' stroke-width='2'/>");
            svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='10' height='10' fill='%s'/>"
                    + "<text x='%d' y='%d' class='label'>%s</text>", right + 12, top + 16 * i, color, right + 26,
                    top + 9 + 16 * i, Html.escape(e.getKey())));
            i++;
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars on a log scale, one a row, e.g. one operation done several ways. */
    public static String logBars(String title, String unit, List<Map.Entry<String, Double>> bars) {
        int labels = 300;
        int top = 20;
        int height = top + 26 * bars.size() + 30;
        StringBuilder svg = open(height, title);
        if (bars.isEmpty()) {
            return empty(svg, height, "nothing measured in this run");
        }
        double max = bars.stream().mapToDouble(Map.Entry::getValue).max().orElse(1);
        double min = bars.stream().mapToDouble(Map.Entry::getValue).min().orElse(1);
        LogAxis x = new LogAxis(Math.min(min, max / 10), max, labels, WIDTH - RIGHT - 90);
        for (int i = 0; i < bars.size(); i++) {
            Map.Entry<String, Double> b = bars.get(i);
            int y = top + 26 * i;
            double end = x.px(b.getValue());
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='label' text-anchor='end'>%s</text>",
                    labels - 8, y + 15, Html.escape(b.getKey())));
            svg.append(rect(labels, y + 3, Math.max(1, end - labels), 18, PALETTE[0],
                    b.getKey() + ": " + si(b.getValue()) + " " + unit));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' class='label'>%s %s</text>", end + 4, y + 16,
                    si(b.getValue()), Html.escape(unit)));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='label'>log scale</text>", labels, height - 8));
        return svg.append("</svg>").toString();
    }

    /** Three significant digits, with k and M for thousands and millions: 0.187, 54.2, 1.45M. */
    public static String si(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A logarithmic scale from the decade below {@code min} to the decade above {@code max}. */
    private record LogAxis(double lo, double hi, double from, double to) {
        LogAxis {
            lo = Math.pow(10, Math.floor(Math.log10(Math.max(lo, Double.MIN_NORMAL))));
            hi = Math.pow(10, Math.ceil(Math.log10(Math.max(hi, Double.MIN_NORMAL))));
            if (hi <= lo) {
                hi = lo * 10;
            }
        }

        double px(double v) {
            return from + (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * (to - from);
        }

        List<Double> ticks() {
            List<Double> t = new java.util.ArrayList<>();
            for (double v = lo; v <= hi * 1.0001; v *= 10) {
                t.add(v);
            }
            return t;
        }
    }

    private static StringBuilder open(int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg viewBox='0 0 %d %d' width='%d' height='%d' role='img'>"
                        + "<title>%s</title>", WIDTH, height, WIDTH, height, Html.escape(title)));
    }

    private static String empty(StringBuilder svg, int height, String text) {
        return svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='label' text-anchor='middle'>%s</text></svg>",
                WIDTH / 2, height / 2, Html.escape(text))).toString();
    }

    private static void grid(StringBuilder svg, Axis x, Axis y, int top, int bottom, String xUnit, String yUnit) {
        for (double t : x.ticks(8)) {
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' class='grid'/>"
                    + "<text x='%.1f' y='%d' class='label' text-anchor='middle'>%s</text>", x.px(t), top, x.px(t),
                    bottom, x.px(t), bottom + 16, Axis.number(t)));
        }
        for (double t : y.ticks(4)) {
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' class='grid'/>"
                    + "<text x='%d' y='%.1f' class='label' text-anchor='end'>%s</text>", LEFT, y.px(t), WIDTH - RIGHT,
                    y.px(t), LEFT - 6, y.px(t) + 4, Axis.number(t)));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='label' text-anchor='middle'>%s</text>"
                        + "<text x='14' y='%d' class='label' transform='rotate(-90 14 %d)' text-anchor='middle'>%s</text>",
                (LEFT + WIDTH - RIGHT) / 2, bottom + 34, xUnit, (top + bottom) / 2, (top + bottom) / 2, yUnit));
    }

    private static void timeGrid(StringBuilder svg, Axis x, int top, int bottom, double span) {
        double unit = span >= 2 * 3600 ? 3600 : span >= 180 ? 60 : 1;
        Axis scaled = Axis.of(x.min() / unit, x.max() / unit, x.from(), x.to());
        for (double t : scaled.ticks(8)) {
            double px = scaled.px(t);
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' class='grid'/>"
                    + "<text x='%.1f' y='%d' class='label' text-anchor='middle'>%s</text>", px, top, px, bottom, px,
                    bottom + 16, Axis.time(t * unit, span)));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='label' text-anchor='middle'>time since the start of the run</text>",
                (LEFT + WIDTH - RIGHT) / 2, bottom + 34));
    }

    private static void legend(StringBuilder svg, List<String> names, List<String> colors, int y) {
        double at = LEFT;
        for (int i = 0; i < names.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%d' width='10' height='10' fill='%s'/>"
                    + "<text x='%.1f' y='%d' class='label'>%s</text>", at, y, colors.get(i), at + 14, y + 9,
                    Html.escape(names.get(i))));
            at += 24 + 6.5 * names.get(i).length();
        }
    }

    private static String rect(double x, double y, double w, double h, String color, String tip) {
        return String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>%s</title></rect>",
                x, y, w, h, color, Html.escape(tip));
    }
}
