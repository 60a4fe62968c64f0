package io.meshbench.adb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Routes for phones that reach nothing but the laptop, over USB: the laptop relays the mesh. Each
 * agent gets an {@code adb forward} from a free laptop port ({@link DeviceMap.Entry#via()}); each phone
 * gets, for every other phone and for the laptop orchestrator, an {@code adb reverse} from a free port
 * of its own to that laptop port, and its {@code peers.txt} names every peer at {@code 127.0.0.1} and
 * that port. So a phone-to-phone message goes phone, adb (USB), laptop, adb (USB), phone. Ports are
 * picked free on both sides (adb's {@code tcp:0}) rather than fixed, so that a phone's forwards never
 * collide with a port the laptop or another phone's forward already uses.
 */
final class UsbRoutes {

    private UsbRoutes() {
    }

    /**
     * Sets up the forwards and reverses, replacing those of an earlier set-up.
     *
     * @return the entries with their forward ports, and each phone's peers.txt by serial
     */
    static Plan route(Adb adb, List<DeviceMap.Entry> phones, DeviceMap previous, MeshSetup.Laptop laptop,
                      Consumer<String> report) {
        List<String> forwards = adb.forwards();
        List<DeviceMap.Entry> routed = new ArrayList<>();
        for (DeviceMap.Entry e : phones) {
            // an earlier setup's forward for this phone would otherwise stay bound until the adb server stops
            previous.bySerial(e.serial()).filter(old -> old.via() > 0)
                    .filter(old -> forwards.stream().anyMatch(f -> f.startsWith(e.serial() + " tcp:" + old.via() + " ")))
                    .ifPresent(old -> adb.removeForward(e.serial(), old.via()));
            adb.removeReverses(e.serial());
            int via = adb.forward(e.serial(), 0, e.port());
            routed.add(new DeviceMap.Entry(e.deviceId(), e.serial(), "127.0.0.1", e.port(), e.npu(), e.source(), via));
            report.accept(e.deviceId() + ": adb forward laptop 127.0.0.1:" + via + " -> phone port " + e.port());
        }
        Map<String, String> peers = new LinkedHashMap<>();
        for (DeviceMap.Entry phone : routed) {
            StringBuilder txt = new StringBuilder("# written by meshbench setup --usb: every peer through adb reverse\n");
            txt.append(phone.deviceId()).append(" 127.0.0.1 ").append(phone.port()).append('\n');
            for (DeviceMap.Entry other : routed) {
                if (other != phone) {
                    int port = adb.reverse(phone.serial(), 0, other.via());
                    txt.append(other.deviceId()).append(" 127.0.0.1 ").append(port).append('\n');
                }
            }
            if (laptop != null) {
                int port = adb.reverse(phone.serial(), 0, laptop.port());
                txt.append(laptop.id()).append(" 127.0.0.1 ").append(port).append('\n');
                report.accept(phone.deviceId() + ": adb reverse phone port " + port + " -> " + laptop.id()
                        + " (laptop port " + laptop.port() + ")");
            }
            peers.put(phone.serial(), txt.toString());
        }
        return new Plan(routed, peers);
    }

    record Plan(List<DeviceMap.Entry> entries, Map<String, String> peersBySerial) {
    }
}
