package io.meshbench.cli;

import io.meshbench.adb.Adb;
import io.meshbench.adb.AdbException;
import io.meshbench.adb.DeviceMap;
import io.meshbench.adb.MeshAdb;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code --adb}, {@code --adb-port} and {@code --map}, shared by the commands that work on phones over ADB. */
final class AdbOptions {

    @Option(names = "--adb", paramLabel = "PATH", defaultValue = "adb",
            description = "The adb binary (default: ${DEFAULT-VALUE} from the PATH).")
    String adb;

    @Option(names = "--adb-port", paramLabel = "N", defaultValue = "0",
            description = "Port of the adb server to use, started if need be (default: adb's own, 5037); "
                    + "a private one keeps tests and scripts off a user's adb server.")
    int adbPort;

    @Option(names = "--map", paramLabel = "FILE",
            description = "The device map setup writes and the other commands read (default: ~/.mesh_device_map).")
    Path map;

    MeshAdb mesh() {
        if (adbPort < 0 || adbPort > 65535) {
            throw new IllegalArgumentException("--adb-port must be 1 to 65535 (or 0 for adb's default), got " + adbPort);
        }
        return new MeshAdb(new Adb(adb, adbPort), MeshAdb.DEFAULT_DIR);
    }

    Path mapFile() {
        return map != null ? map : DeviceMap.defaultFile();
    }

    DeviceMap deviceMap() {
        return DeviceMap.read(mapFile());
    }

    /** One device named by its mesh id (from the device map) or its serial, that adb can talk to. */
    Target resolve(MeshAdb mesh, String device) {
        DeviceMap devices = deviceMap();
        Map<String, String> attached = mesh.attached();
        var entry = devices.find(device);
        String serial = entry.map(DeviceMap.Entry::serial).orElse(device);
        String state = attached.get(serial);
        if (state == null) {
            if (entry.isEmpty() && attached.isEmpty()) {
                throw Adb.failure(device, "devices", "no devices/emulators found");
            }
            throw new AdbException(entry.isPresent()
                    ? device + " (" + serial + ") is not attached: plug it in (or 'adb connect " + serial
                            + "' for one on Wi-Fi) and check 'adb devices'"
                    : "no device " + device + ": neither a device id of " + mapFile() + " ("
                            + String.join(", ", devices.entries().stream().map(DeviceMap.Entry::deviceId).toList())
                            + ") nor an attached serial (" + String.join(", ", attached.keySet()) + ")");
        }
        if (!state.equals("device")) {
            throw Adb.failure(serial, "devices", state);
        }
        return new Target(entry.map(DeviceMap.Entry::deviceId).orElse(serial), serial);
    }

    /** The named device, or every ready one when none is named. */
    List<Target> targets(MeshAdb mesh, String device) {
        if (device != null) {
            return List.of(resolve(mesh, device));
        }
        DeviceMap devices = deviceMap();
        return mesh.ready().stream().map(serial -> new Target(devices.bySerial(serial)
                .map(DeviceMap.Entry::deviceId).orElse(serial), serial)).toList();
    }

    /** A device to act on: its name for people (mesh id, else serial) and its serial for adb. */
    record Target(String name, String serial) {
        String label() {
            return name.equals(serial) ? serial : name + " (" + serial + ")";
        }
    }
}
