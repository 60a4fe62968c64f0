package io.meshbench.adb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code meshbench setup}: names the ready devices (Device_A, Device_B, ... in serial order, keeping
 * the names of the device map), detects their NPUs (a user's override wins and is kept), deploys the
 * agent with each phone's config and peer list, and writes the device map.
 *
 * @param port          the agents' port (the original 9999)
 * @param distinctPorts give each device its own port (port, port+1, ...): for devices sharing one
 *                      address, such as emulators or test devices on one machine
 * @param npuOverride   device id or serial to the user's NPU answer
 * @param slmCommand    device_config.json's slm_command, or null
 * @param laptop        a laptop orchestrator the phones' peer lists name, or null
 * @param hosts         device id or serial to the phone's address on the mesh, where its wlan0 address
 *                      is not the one to use
 * @param usb           phones reachable only over USB: route the mesh through the laptop with
 *                      {@code adb forward} and {@code adb reverse} ({@link UsbRoutes})
 */
public record MeshSetup(int port, boolean distinctPorts, Map<String, Boolean> npuOverride, String slmCommand,
                        Laptop laptop, Map<String, String> hosts, boolean usb) {

    /**
     * A laptop orchestrator that takes part in the mesh.
     *
     * @param host its address as the phones reach it (unused with {@code usb}: they reach it over adb reverse)
     * @param port the port it listens on
     */
    public record Laptop(String id, String host, int port) {
    }

    public MeshSetup {
        npuOverride = Map.copyOf(npuOverride);
        hosts = Map.copyOf(hosts);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the agents' port must be 1 to 65535, got " + port);
        }
    }

    public DeviceMap run(MeshAdb mesh, Path mapFile, Consumer<String> report) {
        DeviceMap previous = DeviceMap.read(mapFile);
        List<String> serials = mesh.ready().stream().sorted().toList();
        List<DeviceMap.Entry> entries = new ArrayList<>();
        char next = 'A';
        for (int i = 0; i < serials.size(); i++) {
            String serial = serials.get(i);
            var old = previous.bySerial(serial);
            String id = old.map(DeviceMap.Entry::deviceId).orElse(null);
            while (id == null) {
                String candidate = "Device_" + next++;
                boolean taken = previous.find(candidate).filter(e -> !e.serial().equals(serial)).isPresent()
                        || entries.stream().anyMatch(e -> e.deviceId().equals(candidate));
                if (!taken) {
                    id = candidate;
                }
            }
            String finalId = id;
            Boolean user = npuOverride.getOrDefault(id, npuOverride.get(serial));
            boolean npu;
            String source;
            if (user != null) {
                npu = user;
                source = "user";
                report.accept(id + " (" + serial + "): NPU " + (npu ? "yes" : "no") + ", set by you");
            } else if (old.isPresent() && old.get().source().equals("user")) {
                npu = old.get().npu();
                source = "user";
                report.accept(id + " (" + serial + "): NPU " + (npu ? "yes" : "no") + ", as you set it before");
            } else {
                NpuDetector.Guess guess = mesh.detectNpu(serial);
                npu = guess.hasNpu();
                source = "detected";
                report.accept(finalId + " (" + serial + "): NPU " + (npu ? "yes" : "no") + " (detected; override with "
                        + "--npu " + finalId + "=" + (npu ? "no" : "yes") + ")");
                guess.evidence().forEach(e -> report.accept("    " + e));
            }
            int devicePort = distinctPorts ? port + i : port;
            String host = usb ? "127.0.0.1" : hosts.getOrDefault(id, hosts.get(serial));
            entries.add(new DeviceMap.Entry(id, serial, host != null ? host : mesh.address(serial), devicePort, npu,
                    source));
        }
        Map<String, String> peersBySerial = new java.util.HashMap<>();
        if (usb) {
            UsbRoutes.Plan plan = UsbRoutes.route(mesh.adb(), entries, previous, laptop, report);
            entries = plan.entries();
            peersBySerial.putAll(plan.peersBySerial());
        } else {
            String shared = new DeviceMap(entries).peersTxt(laptop == null ? List.of()
                    : List.of(laptop.id() + " " + laptop.host() + " " + laptop.port()));
            entries.forEach(e -> peersBySerial.put(e.serial(), shared));
        }
        DeviceMap map = new DeviceMap(entries);
        for (DeviceMap.Entry e : entries) {
            mesh.deploy(e, peersBySerial.get(e.serial()), slmCommand);
            report.accept("deployed the agent to " + e.deviceId() + " (" + e.serial() + "), listening on port "
                    + e.port() + " once started; this laptop reaches it at " + e.laptopHostPort());
        }
        map.write(mapFile);
        report.accept("wrote " + mapFile);
        return map;
    }
}
