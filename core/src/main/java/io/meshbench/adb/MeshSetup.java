package io.meshbench.adb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code meshbench setup}: names the ready devices (Device_A, Device_B, ... in serial order, keeping
 * the names of the device map), detects their NPUs (a user's override wins and is kept), deploys the
 * agent with each phone's config and the shared peer list, and writes the device map.
 *
 * @param port        the agents' port (the original 9999)
 * @param distinctPorts give each device its own port (port, port+1, ...): for devices sharing one
 *                    address, such as emulators or test devices on one machine
 * @param npuOverride device id or serial to the user's NPU answer
 * @param slmCommand  device_config.json's slm_command, or null
 * @param extraPeers  more peers.txt lines, such as a laptop orchestrator's
 */
public record MeshSetup(int port, boolean distinctPorts, Map<String, Boolean> npuOverride, String slmCommand,
                        List<String> extraPeers) {

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
            entries.add(new DeviceMap.Entry(id, serial, mesh.address(serial), devicePort, npu, source));
        }
        DeviceMap map = new DeviceMap(entries);
        String peers = map.peersTxt(extraPeers);
        for (DeviceMap.Entry e : entries) {
            mesh.deploy(e, peers, slmCommand);
            report.accept("deployed the agent to " + e.deviceId() + " (" + e.serial() + "), listening on " + e.host()
                    + ":" + e.port() + " once started");
        }
        map.write(mapFile);
        report.accept("wrote " + mapFile);
        return map;
    }
}
