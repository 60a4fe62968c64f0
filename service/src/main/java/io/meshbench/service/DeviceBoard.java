package io.meshbench.service;

import io.meshbench.live.MeshSession;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.Bid;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Each device's health as the API shows it, folded from the event bus: up or down, its latest CPU,
 * RAM and battery (from its metric samples, or from its bids for a device in another process),
 * the tasks it won, and its last samples for the page's charts (at most {@code SAMPLES} a device).
 * A device is down once it stopped or a message to it could not be delivered, and up again once it
 * started or was heard from.
 */
final class DeviceBoard implements Consumer<MeshEvent> {

    static final int SAMPLES = 600;

    private static final class Health {
        Boolean up;
        Boolean hasNpu;
        double cpu = -1;
        double ram = -1;
        int battery = -1;
        int running = -1;
        long wins;
        long lastSeen;
        String downReason;
        final ArrayDeque<double[]> samples = new ArrayDeque<>();
    }

    private final Map<String, Health> devices = new HashMap<>();

    @Override
    public synchronized void accept(MeshEvent event) {
        switch (event) {
            case MeshEvent.NodeStarted e -> {
                Health h = health(e.node());
                h.up = true;
                h.downReason = null;
            }
            case MeshEvent.NodeStopped e -> {
                Health h = health(e.node());
                h.up = false;
                h.downReason = "stopped";
            }
            case MeshEvent.DeliveryFailed e -> {
                Health h = health(e.peer());
                h.up = false;
                h.downReason = "unreachable: " + e.reason();
            }
            case MeshEvent.MessageReceived e -> {
                Health h = health(e.peer());
                h.up = true;
                h.downReason = null;
                h.lastSeen = e.time();
            }
            case MeshEvent.MetricSampled e -> {
                Health h = health(e.node());
                h.cpu = e.cpuLoad();
                h.ram = e.ramLoad();
                h.battery = e.battery();
                h.running = e.runningTasks();
                sample(h, e.time(), e.cpuLoad(), e.ramLoad(), e.battery());
            }
            case MeshEvent.BidAccepted e -> {
                Bid bid = e.bid();
                Health h = health(bid.deviceId());
                h.hasNpu = bid.hasNpu();
                if (h.running < 0) {
                    // Not sampled here (a device in another process): its bids are all we know.
                    h.cpu = bid.cpuLoad().orElse(-1);
                    h.ram = bid.ramLoad().orElse(-1);
                    h.battery = bid.battery().orElse(-1);
                    sample(h, e.time(), h.cpu, h.ram, h.battery);
                }
            }
            case MeshEvent.TaskCompleted e -> {
                if ("completed".equals(e.status())) {
                    health(e.device()).wins++;
                }
            }
            default -> {
            }
        }
    }

    private static void sample(Health h, long time, double cpu, double ram, int battery) {
        if (h.samples.size() == SAMPLES) {
            h.samples.removeFirst();
        }
        h.samples.addLast(new double[]{time / 1_000_000L, cpu, ram, battery});
    }

    private Health health(String id) {
        return devices.computeIfAbsent(id, k -> new Health());
    }

    /** Whether the device is up: true, false, or null when nothing has been heard of it. */
    synchronized Boolean up(String id) {
        Health h = devices.get(id);
        return h == null ? null : h.up;
    }

    /** The devices of {@code mesh}, in its order, with what the board knows of each. */
    synchronized ArrayNode list(List<MeshSession.Device> mesh, MeshSession control, int samples) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (MeshSession.Device device : mesh) {
            Health h = devices.getOrDefault(device.id(), new Health());
            ObjectNode o = out.addObject();
            o.put("id", device.id());
            o.put("orchestrator", device.orchestrator());
            o.put("local", device.local() && !device.orchestrator());
            Boolean npu = device.hasNpu() != null ? device.hasNpu() : h.hasNpu;
            if (npu == null) o.putNull("has_npu"); else o.put("has_npu", npu);
            Boolean up = device.orchestrator() ? Boolean.TRUE
                    : device.local() ? Boolean.valueOf(control.running(device.id())) : h.up;
            if (up == null) o.putNull("up"); else o.put("up", up);
            o.put("down_reason", Boolean.FALSE.equals(up) ? (h.downReason == null ? "stopped" : h.downReason) : null);
            putLoad(o, "cpu_load", h.cpu);
            putLoad(o, "ram_load", h.ram);
            if (h.battery < 0) o.putNull("battery"); else o.put("battery", h.battery);
            if (h.running < 0) o.putNull("running_tasks"); else o.put("running_tasks", h.running);
            o.put("wins", h.wins);
            ArrayNode series = o.putArray("samples");
            int skip = Math.max(0, h.samples.size() - samples);
            for (double[] s : h.samples) {
                if (skip-- > 0) {
                    continue;
                }
                ArrayNode row = series.addArray();
                row.add((long) s[0]).add(s[1]).add(s[2]).add((int) s[3]);
            }
        }
        return out;
    }

    private static void putLoad(ObjectNode o, String field, double value) {
        if (value < 0) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }

    /** For /metrics: id → {up (1/0/-1), cpu, ram, battery, running, wins}. */
    synchronized Map<String, double[]> gauges() {
        Map<String, double[]> out = new HashMap<>();
        devices.forEach((id, h) -> out.put(id, new double[]{h.up == null ? -1 : h.up ? 1 : 0, h.cpu, h.ram,
                h.battery, h.running, h.wins}));
        return out;
    }
}
