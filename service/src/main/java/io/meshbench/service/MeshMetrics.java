package io.meshbench.service;

import io.meshbench.event.MeshEvent;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The mesh as Prometheus metrics, counted from the event bus: auctions, bids, tasks by outcome,
 * latency histograms (whole task, bidding, execution), failures, rejected input, and per device
 * its state, loads, battery and tasks won.
 */
final class MeshMetrics implements Consumer<MeshEvent> {

    private static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter auctions = Counter.builder().name("meshbench_auctions_total")
            .help("Auctions opened (one per prompt)").register(registry);
    private final Counter bids = Counter.builder().name("meshbench_bids_total")
            .help("Bids counted, by device").labelNames("device").register(registry);
    private final Counter bidsIgnored = Counter.builder().name("meshbench_bids_ignored_total")
            .help("Bids that did not count (late, duplicate, unknown sender)").register(registry);
    private final Counter tasks = Counter.builder().name("meshbench_tasks_total")
            .help("Tasks ended, by outcome (completed or failed)").labelNames("outcome").register(registry);
    private final Counter wins = Counter.builder().name("meshbench_auctions_won_total")
            .help("Auctions won, by device and rule").labelNames("device", "rule").register(registry);
    private final Counter deliveryFailures = Counter.builder().name("meshbench_delivery_failures_total")
            .help("Messages that could not be delivered, by peer").labelNames("peer").register(registry);
    private final Counter rejected = Counter.builder().name("meshbench_input_rejected_total")
            .help("Lines rejected as invalid, by node").labelNames("node").register(registry);
    private final Counter events = Counter.builder().name("meshbench_events_total")
            .help("Events on the mesh's event bus, by type").labelNames("type").register(registry);
    private final Histogram total = Histogram.builder().name("meshbench_task_seconds")
            .help("Time from bid request to result (or failure)").classicUpperBounds(SECONDS).classicOnly()
            .labelNames("outcome").register(registry);
    private final Histogram bidding = Histogram.builder().name("meshbench_bidding_seconds")
            .help("Time from bid request to the close of bidding").classicUpperBounds(SECONDS).classicOnly()
            .register(registry);
    private final Histogram execution = Histogram.builder().name("meshbench_execution_seconds")
            .help("Time from TASK sent to RESULT received").classicUpperBounds(SECONDS).classicOnly()
            .register(registry);

    MeshMetrics(Supplier<Map<String, double[]>> devices, Supplier<Integer> streamClients) {
        String[] names = {"meshbench_device_up", "meshbench_device_cpu_load", "meshbench_device_ram_load",
                "meshbench_device_battery_percent", "meshbench_device_running_tasks"};
        String[] help = {"1 when the device is up, 0 when down (stopped or unreachable)", "CPU load, 0 to 1",
                "RAM load, 0 to 1", "Battery percent", "Tasks the device is running"};
        for (int i = 0; i < names.length; i++) {
            int column = i;
            GaugeWithCallback.builder().name(names[i]).help(help[i]).labelNames("device").callback(cb -> {
                for (Map.Entry<String, double[]> e : devices.get().entrySet()) {
                    double value = e.getValue()[column];
                    if (value >= 0) {
                        cb.call(value, e.getKey());
                    }
                }
            }).register(registry);
        }
        GaugeWithCallback.builder().name("meshbench_event_stream_clients").help("Clients of /api/events")
                .callback(cb -> cb.call(streamClients.get())).register(registry);
    }

    @Override
    public void accept(MeshEvent event) {
        events.labelValues(event.getClass().getSimpleName()).inc();
        switch (event) {
            case MeshEvent.AuctionOpened e -> auctions.inc();
            case MeshEvent.BidAccepted e -> bids.labelValues(e.bid().deviceId()).inc();
            case MeshEvent.BidIgnored e -> bidsIgnored.inc();
            case MeshEvent.AuctionClosed e -> wins.labelValues(e.selection().winner().deviceId(), e.selection().rule()).inc();
            case MeshEvent.TaskCompleted e -> ended("completed".equals(e.status()) ? "completed" : "failed", e.timing());
            case MeshEvent.TaskFailed e -> ended("failed", e.timing());
            case MeshEvent.DeliveryFailed e -> deliveryFailures.labelValues(e.peer()).inc();
            case MeshEvent.InputRejected e -> rejected.labelValues(e.node()).inc();
            default -> {
            }
        }
    }

    private void ended(String outcome, MeshEvent.Timing timing) {
        tasks.labelValues(outcome).inc();
        if (timing.total() >= 0) {
            total.labelValues(outcome).observe(timing.total() / 1e9);
        }
        if (timing.bidding() >= 0) {
            bidding.observe(timing.bidding() / 1e9);
        }
        if (timing.execution() >= 0) {
            execution.observe(timing.execution() / 1e9);
        }
    }

    String contentType() {
        return writer.getContentType();
    }

    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
