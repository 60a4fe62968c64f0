package io.meshbench.report;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Follows each device: its bids, wins, tasks, runs, battery and downtime. A node counts as a
 * device once it bids, runs a task or reports metrics; orchestrators that do none of these are
 * left out. Not thread-safe.
 */
final class DeviceTracker {

    private static final class Device {
        final String id;
        int bids;
        int missed;
        int wins;
        int assigned;
        int completed;
        int npuTasks;
        int failedRuns;
        long busy;
        int stops;
        int firstBattery = -1;
        int lastBattery = -1;
        int minBattery = -1;
        long lastSample = -1;
        final List<RunReport.Point> battery = new ArrayList<>();
        final List<RunReport.Span> activity = new ArrayList<>();
        final Map<String, MeshEvent.TaskStarted> running = new HashMap<>();
        long downSince = -1;
        boolean isDevice;

        Device(String id) {
            this.id = id;
        }
    }

    /** Every node seen; those that act as devices are marked so. */
    private final Map<String, Device> devices = new TreeMap<>(DeviceTracker::naturalOrder);
    private final Map<String, Boolean> npuByTask = new HashMap<>();
    private long start = Long.MIN_VALUE;
    /** When the last task event happened: a node that stops after it is the mesh shutting down, not churn. */
    private long lastTaskEvent = Long.MIN_VALUE;

    private Device node(String id) {
        return devices.computeIfAbsent(id, Device::new);
    }

    private Device device(String id) {
        Device d = node(id);
        d.isDevice = true;
        return d;
    }

    void accept(MeshEvent event) {
        if (start == Long.MIN_VALUE) {
            start = event.time();
        }
        if (event instanceof MeshEvent.AuctionOpened || event instanceof MeshEvent.TaskCompleted
                || event instanceof MeshEvent.TaskFailed || event instanceof MeshEvent.TaskExecuted) {
            lastTaskEvent = event.time();
        }
        switch (event) {
            case MeshEvent.BidAccepted e -> device(e.bid().deviceId()).bids++;
            case MeshEvent.AuctionClosed e -> {
                e.missing().forEach(m -> device(m).missed++);
                Bid winner = e.selection().winner();
                device(winner.deviceId()).wins++;
            }
            case MeshEvent.TaskAssigned e -> {
                device(e.device()).assigned++;
                npuByTask.put(e.taskId(), e.useNpu());
            }
            case MeshEvent.TaskCompleted e -> {
                if (TaskRow.COMPLETED.equals(e.status())) {
                    Device d = device(e.device());
                    d.completed++;
                    if (Boolean.TRUE.equals(npuByTask.get(e.taskId()))) {
                        d.npuTasks++;
                    }
                }
                npuByTask.remove(e.taskId());
            }
            case MeshEvent.TaskFailed e -> npuByTask.remove(e.taskId());
            case MeshEvent.TaskStarted e -> device(e.node()).running.put(e.taskId(), e);
            case MeshEvent.TaskExecuted e -> {
                Device d = device(e.node());
                d.busy += Math.max(0, e.elapsedNanos());
                if (e.status() != io.meshbench.plugin.api.SlmResult.Status.COMPLETED) {
                    d.failedRuns++;
                }
                MeshEvent.TaskStarted started = d.running.remove(e.taskId());
                long from = started != null ? started.time() : e.time() - Math.max(0, e.elapsedNanos());
                boolean npu = started != null && started.useNpu();
                d.activity.add(new RunReport.Span(from - start, e.time() - start, npu ? "npu" : "cpu", e.taskId()));
            }
            case MeshEvent.MetricSampled e -> battery(device(e.node()), e.time(), e.battery());
            case MeshEvent.NodeStopped e -> {
                Device d = node(e.node());
                if (d.downSince < 0) {
                    d.downSince = e.time();
                }
                // A stopped device's runs end with it: its state, and the tasks it was running, are gone.
                d.running.values().forEach(s -> d.activity.add(new RunReport.Span(s.time() - start, e.time() - start,
                        s.useNpu() ? "npu" : "cpu", s.taskId())));
                d.running.clear();
            }
            case MeshEvent.NodeStarted e -> {
                Device d = node(e.node());
                if (d.downSince >= 0) {
                    d.stops++;
                    d.activity.add(new RunReport.Span(d.downSince - start, e.time() - start, "down", ""));
                    d.downSince = -1;
                }
            }
            default -> {
            }
        }
    }

    private void battery(Device d, long time, int level) {
        if (level < 0) {
            return;
        }
        if (d.firstBattery < 0) {
            d.firstBattery = level;
        }
        d.minBattery = d.minBattery < 0 ? level : Math.min(d.minBattery, level);
        if (d.battery.isEmpty() || d.lastBattery != level) {
            // Keep the last point of a flat stretch too, so that a line drawn through the points is the true curve.
            if (!d.battery.isEmpty() && d.lastSample - start > d.battery.getLast().time()) {
                d.battery.add(new RunReport.Point(d.lastSample - start, d.lastBattery));
            }
            d.battery.add(new RunReport.Point(time - start, level));
        }
        d.lastBattery = level;
        d.lastSample = time;
    }

    /** Phone_2 before Phone_10: runs of digits compare as numbers. */
    static int naturalOrder(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i), cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i, sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    /** Down at the end, having left while tasks still ran (not merely stopped with the rest of the mesh). */
    private boolean stoppedForGood(Device d) {
        return d.downSince >= 0 && d.downSince < lastTaskEvent;
    }

    List<DeviceStats> stats() {
        List<DeviceStats> stats = new ArrayList<>(devices.size());
        for (Device d : devices.values()) {
            if (!d.isDevice) {
                continue;
            }
            int stops = d.stops + (stoppedForGood(d) ? 1 : 0);
            stats.add(new DeviceStats(d.id, d.bids, d.missed, d.wins, d.assigned, d.completed, d.npuTasks,
                    d.failedRuns, d.busy, d.firstBattery, d.lastBattery, d.minBattery, stops));
        }
        return stats;
    }

    /** Battery series, closed with the last sample of each device. */
    Map<String, List<RunReport.Point>> battery() {
        Map<String, List<RunReport.Point>> series = new TreeMap<>(DeviceTracker::naturalOrder);
        for (Device d : devices.values()) {
            if (!d.isDevice) {
                continue;
            }
            List<RunReport.Point> points = new ArrayList<>(d.battery);
            if (!points.isEmpty() && d.lastSample - start > points.getLast().time()) {
                points.add(new RunReport.Point(d.lastSample - start, d.lastBattery));
            }
            if (!points.isEmpty()) {
                series.put(d.id, List.copyOf(points));
            }
        }
        return series;
    }

    /** Runs and downtime, the unfinished ones closed at {@code end}. */
    Map<String, List<RunReport.Span>> activity(long end) {
        Map<String, List<RunReport.Span>> spans = new TreeMap<>(DeviceTracker::naturalOrder);
        for (Device d : devices.values()) {
            if (!d.isDevice) {
                continue;
            }
            List<RunReport.Span> list = new ArrayList<>(d.activity);
            d.running.values().forEach(s -> list.add(new RunReport.Span(s.time() - start, end - start,
                    s.useNpu() ? "npu" : "cpu", s.taskId())));
            if (stoppedForGood(d)) {
                list.add(new RunReport.Span(d.downSince - start, end - start, "down", ""));
            }
            spans.put(d.id, List.copyOf(list));
        }
        return spans;
    }
}
