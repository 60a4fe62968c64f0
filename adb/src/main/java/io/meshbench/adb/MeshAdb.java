package io.meshbench.adb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The original set-up scripts over ADB, as plain Java for the command line and the window: list
 * devices, deploy the agent with each phone's {@code device_config.json} and peer list and the
 * laptop's device map ({@code setup_mesh_direct.sh}), start, stop and report listeners
 * ({@code start_mesh_X.sh}, {@code check_mesh_status.sh}) and read or follow their logs.
 */
public final class MeshAdb {

    public static final String DEFAULT_DIR = "/data/local/tmp/mesh";

    private final Adb adb;
    private final String dir;

    /** @param dir the agent's folder on the phones ({@link #DEFAULT_DIR}) */
    public MeshAdb(Adb adb, String dir) {
        this.adb = adb;
        this.dir = dir;
    }

    public Adb adb() {
        return adb;
    }

    /** Serial and state of every device adb sees, in adb's order. */
    public Map<String, String> attached() {
        Adb.Result r = adb.run(Duration.ofSeconds(30), "devices");
        Map<String, String> devices = new LinkedHashMap<>();
        for (String line : r.output().split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && !line.startsWith("List of") && !line.startsWith("*")) {
                devices.put(parts[0], parts[1]);
            }
        }
        return devices;
    }

    /** The devices that can take commands; fails with what to do when there is none. */
    public List<String> ready() {
        Map<String, String> all = attached();
        List<String> ready = all.entrySet().stream().filter(e -> e.getValue().equals("device")).map(Map.Entry::getKey)
                .toList();
        if (ready.isEmpty()) {
            String unauthorized = all.entrySet().stream().filter(e -> e.getValue().equals("unauthorized"))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            throw unauthorized != null ? Adb.failure(unauthorized, "devices", "unauthorized")
                    : Adb.failure("-", "devices", "no devices/emulators found");
        }
        return ready;
    }

    private String ctl(String args) {
        return "MESH_DIR=" + dir + " sh " + dir + "/mesh_ctl.sh " + args;
    }

    /** Every attached device with its model, Android version, ABI, battery and agent. */
    public List<DeviceInfo> devices() {
        List<DeviceInfo> out = new ArrayList<>();
        for (Map.Entry<String, String> d : attached().entrySet()) {
            if (!d.getValue().equals("device")) {
                out.add(new DeviceInfo(d.getKey(), d.getValue(), "", "", "", -1, "", "unknown"));
                continue;
            }
            Map<String, String> f = fields(adb.shell(d.getKey(), "echo model=$(getprop ro.product.model); "
                    + "echo android=$(getprop ro.build.version.release); echo abi=$(getprop ro.product.cpu.abi); "
                    + "echo battery=$(cat /sys/class/power_supply/battery/capacity 2>/dev/null); "
                    + "if [ -f " + dir + "/mesh_ctl.sh ]; then " + ctl("status") + "; else echo state=absent; fi")
                    .output());
            String state = f.getOrDefault("state", "absent");
            int battery = f.getOrDefault("battery", "").matches("\\d{1,3}") ? Integer.parseInt(f.get("battery")) : -1;
            out.add(new DeviceInfo(d.getKey(), d.getValue(), f.getOrDefault("model", ""), f.getOrDefault("android", ""),
                    f.getOrDefault("abi", ""), battery, f.getOrDefault("id", ""),
                    state.equals("absent") ? "not deployed" : state));
        }
        return out;
    }

    /** key=value words of a command's output (later ones win). */
    static Map<String, String> fields(String output) {
        Map<String, String> f = new HashMap<>();
        for (String word : output.split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                f.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return f;
    }

    /** The NPU guess for one device, with its evidence. */
    public NpuDetector.Guess detectNpu(String serial) {
        Map<String, String> props = new HashMap<>();
        for (String p : NpuDetector.PROPERTIES) {
            props.put(p, adb.shell(serial, "getprop " + p).output().strip());
        }
        List<String> libs = adb.shell(serial, NpuDetector.LIBRARY_PROBE).output().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).distinct().toList();
        return NpuDetector.detect(props, libs);
    }

    /** Pushes the agent and the files of one planned device. */
    public void deploy(DeviceMap.Entry device, String peersTxt, String slmCommand) {
        try {
            Path staging = Files.createTempDirectory("meshbench-agent");
            try {
                AgentBundle.fromClassPath().writeTo(staging);
                StringBuilder config = new StringBuilder("{\"device_id\": \"" + device.deviceId() + "\", \"has_npu\": "
                        + device.npu() + ", \"port\": " + device.port());
                if (slmCommand != null && !slmCommand.isBlank()) {
                    config.append(", \"slm_command\": \"").append(jsonEscape(slmCommand)).append('"');
                }
                Files.writeString(staging.resolve("device_config.json"), config.append("}\n"));
                Files.writeString(staging.resolve("peers.txt"), peersTxt);
                adb.shell(device.serial(), "mkdir -p " + dir);
                try (var files = Files.list(staging)) {
                    for (Path f : files.sorted().toList()) {
                        adb.push(device.serial(), f, dir + "/" + f.getFileName());
                    }
                }
                adb.shell(device.serial(), "chmod 755 " + dir + "/*.sh");
            } finally {
                try (var files = Files.list(staging)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the agent's files", e);
        }
    }

    /**
     * Pushes the phone's HMAC key ({@code mesh.key}, owner-only): from then on its agent seals every
     * line and refuses plaintext.
     */
    public void pushKey(String serial, String keyHex) {
        try {
            Path staging = Files.createTempFile("meshbench-key", ".hex",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(staging, keyHex + "\n");
                adb.shell(serial, "mkdir -p " + dir);
                adb.push(serial, staging, dir + "/mesh.key");
                adb.shell(serial, "chmod 600 " + dir + "/mesh.key");
            } finally {
                Files.deleteIfExists(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the mesh key", e);
        }
    }

    static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** The phone's address on the mesh: its wlan0 address, else the host of a TCP serial. */
    public String address(String serial) {
        String out = adb.shell(serial, "ip -4 addr show wlan0 2>/dev/null").output();
        var m = java.util.regex.Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/").matcher(out);
        if (m.find()) {
            return m.group(1);
        }
        if (serial.matches("[0-9.]+:\\d+")) {
            return serial.substring(0, serial.lastIndexOf(':'));
        }
        throw new AdbException("device " + serial + " has no Wi-Fi address (wlan0): join it to the laptop's Wi-Fi, "
                + "or give its address with --host " + serial + "=ADDRESS");
    }

    /** Runs mesh_ctl.sh start|stop|status and hands back its one line (state=... id=... port=... pid=...). */
    public Map<String, String> control(String serial, String action) {
        Adb.Result r = adb.shell(serial, "if [ -f " + dir + "/mesh_ctl.sh ]; then " + ctl(action)
                + "; else echo state=absent; fi");
        if (r.output().strip().equals("state=absent")) {
            throw new AdbException("the agent is not deployed on " + serial + ": run meshbench setup first");
        }
        Map<String, String> f = fields(r.output());
        if (!f.containsKey("state")) {
            throw new AdbException("mesh_ctl.sh " + action + " on " + serial + " failed: " + r.output().strip());
        }
        return f;
    }

    /** The agent's log on a device (its id from device_config.json), whole. */
    public List<String> log(String serial) {
        return adb.shell(serial, "cat " + dir + "/mesh_*.log 2>/dev/null").output().lines().toList();
    }

    /** Follows the agent's log ({@code tail -f}) from now on; destroy the process to stop. */
    public Process follow(String serial, Consumer<String> lines) {
        return follow(serial, 0, lines);
    }

    /** Follows the agent's log from its last {@code last} lines on; destroy the process to stop. */
    public Process follow(String serial, int last, Consumer<String> lines) {
        return adb.stream(serial, "tail -n " + Math.max(0, last) + " -f " + dir + "/mesh_*.log", lines);
    }

    /** Whether the agent has written a log on the device (it has been started at least once). */
    public boolean hasLog(String serial) {
        return adb.shell(serial, "ls " + dir + "/mesh_*.log").status() == 0;
    }
}
