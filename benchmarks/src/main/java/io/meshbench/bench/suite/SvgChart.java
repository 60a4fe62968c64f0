package io.meshbench.bench.suite;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small self-contained SVG charts (no script, nothing fetched): lines on log-log axes, and log-scale bars. */
final class SvgChart {

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"};
    private static final int W = 640, H = 360, L = 70, R = 170, T = 30, B = 45;

    private SvgChart() {
    }

    /** Lines: series name to points {x, y}, both axes logarithmic. */
    static String lines(String title, String xLabel, String yLabel, Map<String, List<double[]>> series) {
        double xMin = Double.MAX_VALUE, xMax = 0, yMin = Double.MAX_VALUE, yMax = 0;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                xMin = Math.min(xMin, p[0]); xMax = Math.max(xMax, p[0]);
                yMin = Math.min(yMin, p[1]); yMax = Math.max(yMax, p[1]);
            }
        }
        if (xMax == 0 || yMax == 0) {
            return "<p>" + esc(title) + ": nothing measured in this run.</p>";
        }
        Axis x = new Axis(xMin, xMax, L, W - R), y = new Axis(yMin, yMax, H - B, T);
        StringBuilder s = frame(title, xLabel, yLabel, x, y);
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            String color = COLORS[i % COLORS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : e.getValue()) {
                path.append(path.isEmpty() ? "M" : " L").append(f(x.at(p[0]))).append(',').append(f(y.at(p[1])));
                s.append("<circle cx='").append(f(x.at(p[0]))).append("' cy='").append(f(y.at(p[1])))
                        .append("' r='3' fill='").append(color).append("'><title>").append(esc(e.getKey())).append(": ")
                        .append(num(p[0])).append(", ").append(num(p[1])).append("</title></circle>");
            }
            s.append("<path d='").append(path).append("' fill='none' stroke='").append(color).append("' stroke-width='2'/>");
            s.append("<text x='").append(W - R + 10).append("' y='").append(T + 14 + 16 * i).append("' fill='").append(color)
                    .append("' font-size='12'>").append(esc(e.getKey())).append("</text>");
            i++;
        }
        return s.append("</svg>").toString();
    }

    /** Horizontal bars on a log scale; a bar whose label starts with "seed" is drawn grey. */
    static String bars(String title, String unit, List<Map.Entry<String, Double>> bars) {
        int h = T + 26 * bars.size() + B;
        double max = bars.stream().mapToDouble(Map.Entry::getValue).max().orElse(1);
        double min = bars.stream().mapToDouble(Map.Entry::getValue).min().orElse(1);
        Axis x = new Axis(Math.min(min, max / 10), max, 260, W - 20);
        StringBuilder s = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' width='" + W + "' height='" + h
                + "' font-family='sans-serif'><text x='10' y='18' font-size='14' font-weight='bold'>" + esc(title) + "</text>");
        int i = 0;
        for (Map.Entry<String, Double> b : bars) {
            int top = T + 26 * i++;
            double end = x.at(b.getValue());
            s.append("<text x='250' y='").append(top + 15).append("' font-size='11' text-anchor='end'>").append(esc(b.getKey()))
                    .append("</text><rect x='260' y='").append(top + 3).append("' width='").append(f(Math.max(1, end - 260)))
                    .append("' height='18' fill='").append(b.getKey().startsWith("seed") ? "#999" : COLORS[0]).append("'/>")
                    .append("<text x='").append(f(Math.min(end + 4, W - 90))).append("' y='").append(top + 16)
                    .append("' font-size='11'>").append(num(b.getValue())).append(' ').append(esc(unit)).append("</text>");
        }
        return s.append("<text x='260' y='").append(h - 12).append("' font-size='11'>log scale</text></svg>").toString();
    }

    private static StringBuilder frame(String title, String xLabel, String yLabel, Axis x, Axis y) {
        StringBuilder s = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' width='" + W + "' height='" + H
                + "' font-family='sans-serif'><text x='10' y='18' font-size='14' font-weight='bold'>" + esc(title) + "</text>");
        s.append("<rect x='").append(L).append("' y='").append(T).append("' width='").append(W - L - R).append("' height='")
                .append(H - T - B).append("' fill='none' stroke='#888'/>");
        for (double v : x.ticks()) {
            s.append("<text x='").append(f(x.at(v))).append("' y='").append(H - B + 16).append("' font-size='11' text-anchor='middle'>")
                    .append(num(v)).append("</text>");
        }
        for (double v : y.ticks()) {
            s.append("<line x1='").append(L).append("' x2='").append(W - R).append("' y1='").append(f(y.at(v))).append("' y2='")
                    .append(f(y.at(v))).append("' stroke='#eee'/><text x='").append(L - 6).append("' y='").append(f(y.at(v) + 4))
                    .append("' font-size='11' text-anchor='end'>").append(num(v)).append("</text>");
        }
        s.append("<text x='").append((L + W - R) / 2).append("' y='").append(H - 8).append("' font-size='12' text-anchor='middle'>")
                .append(esc(xLabel)).append("</text><text x='14' y='").append((T + H - B) / 2)
                .append("' font-size='12' text-anchor='middle' transform='rotate(-90 14 ").append((T + H - B) / 2).append(")'>")
                .append(esc(yLabel)).append("</text>");
        return s;
    }

    /** A logarithmic axis from the decade below {@code min} to the decade above {@code max}. */
    private record Axis(double lo, double hi, double from, double to) {
        Axis {
            lo = Math.pow(10, Math.floor(Math.log10(lo)));
            hi = Math.pow(10, Math.ceil(Math.log10(hi)));
            if (hi <= lo) {
                hi = lo * 10;
            }
        }

        double at(double v) {
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

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String num(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
