package io.meshbench.app.graph;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The mesh graph's state: devices with their latest metrics, and the messages in flight. */
final class GraphModel {

    /**
     * Messages animated at once. Flights are kept per edge and direction (a new message on a busy
     * edge takes the place of the one crossing it), so a mesh of N devices has at most about 2N in
     * the air; the cap bounds memory and drawing even for a mesh whose ids keep changing.
     */
    static final int MAX_FLIGHTS = 600;
    /** How long one message takes to cross its edge on screen. */
    static final long FLIGHT_NANOS = 600_000_000L;

    /** Lines of a device's own history the inspector keeps. */
    static final int LOG_LINES = 40;

    static final class Device {
        final String id;
        Boolean npu;
        double cpu = -1;
        double ram = -1;
        int battery = -1;
        boolean orchestrator;
        boolean down;
        boolean unreachable;
        /** For the inspector: bids counted, tasks won, completed and failed, and the latest lines of its log. */
        long bids;
        long won;
        long completed;
        long failed;
        final java.util.ArrayDeque<String> log = new java.util.ArrayDeque<>();

        void log(String line) {
            if (log.size() >= LOG_LINES) {
                log.removeFirst();
            }
            log.addLast(line);
        }

        Device(String id) {
            this.id = id;
        }

        boolean greyed() {
            return down || unreachable;
        }
    }

    /** One message crossing an edge. */
    record Flight(String from, String to, String type, long start) {
    }

    /** A directed edge: where a flight is kept. */
    record Edge(String from, String to) {
    }

    final Map<String, Device> devices = new LinkedHashMap<>();
    /** The latest message on each directed edge, oldest first (re-inserted on each new message). */
    final LinkedHashMap<Edge, Flight> flights = new LinkedHashMap<>();
    /** Nodes that run in this process: their sends are seen, so their receipts need no animation. */
    final Set<String> localNodes = new HashSet<>();
    final StringProperty winner = new SimpleStringProperty();
    /** The device the inspector shows (clicked in the graph), or null. */
    final StringProperty inspected = new SimpleStringProperty();
    final IntegerProperty deviceCount = new SimpleIntegerProperty();
    final IntegerProperty greyedCount = new SimpleIntegerProperty();
    /** Bumped on every change, so the view redraws only when something changed. */
    long version;
    long winnerSince;
    String orchestratorId;

    Device device(String id) {
        Device device = devices.computeIfAbsent(id, Device::new);
        deviceCount.set(devices.size());
        return device;
    }

    void addFlight(Flight flight) {
        Edge edge = new Edge(flight.from(), flight.to());
        flights.remove(edge);
        if (flights.size() >= MAX_FLIGHTS) {
            flights.pollFirstEntry();
        }
        flights.put(edge, flight);
    }

    void recount() {
        greyedCount.set((int) devices.values().stream().filter(Device::greyed).count());
        deviceCount.set(devices.size());
    }
}
