package io.meshbench.adb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The laptop's device map ({@code ~/.mesh_device_map}, as the original set-up writes it): one phone
 * a line, {@code DEVICE_ID SERIAL HOST PORT npu=true|false source=detected|user}. A user's NPU
 * override ({@code source=user}) survives the next set-up.
 */
public record DeviceMap(List<Entry> entries) {

    /**
     * One phone.
     *
     * @param host the phone's address on the mesh (its Wi-Fi address; 127.0.0.1 for a phone on USB only)
     * @param port the agent's port on the phone
     * @param via  for a phone on USB only, the laptop's port that {@code adb forward} tunnels to the
     *             agent; 0 when the laptop reaches the phone at host:port directly
     */
    public record Entry(String deviceId, String serial, String host, int port, boolean npu, String source, int via) {
        public Entry(String deviceId, String serial, String host, int port, boolean npu, String source) {
            this(deviceId, serial, host, port, npu, source, 0);
        }

        String line() {
            return deviceId + " " + serial + " " + host + " " + port + " npu=" + npu + " source=" + source
                    + (via > 0 ? " via=" + via : "");
        }

        /** Where this laptop reaches the agent: through the forward when there is one. */
        public String laptopHostPort() {
            return via > 0 ? "127.0.0.1:" + via : host + ":" + port;
        }
    }

    public DeviceMap {
        entries = List.copyOf(entries);
    }

    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".mesh_device_map");
    }

    public static DeviceMap read(Path file) {
        if (!Files.exists(file)) {
            return new DeviceMap(List.of());
        }
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] w = line.replaceAll("#.*", "").strip().split("\\s+");
                if (w.length >= 6 && w[3].matches("\\d+")) {
                    int via = w.length >= 7 && w[6].matches("via=\\d{1,5}") ? Integer.parseInt(w[6].substring(4)) : 0;
                    entries.add(new Entry(w[0], w[1], w[2], Integer.parseInt(w[3]), w[4].equals("npu=true"),
                            w[5].replace("source=", ""), via));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the device map " + file, e);
        }
        return new DeviceMap(entries);
    }

    public Optional<Entry> bySerial(String serial) {
        return entries.stream().filter(e -> e.serial().equals(serial)).findFirst();
    }

    public Optional<Entry> find(String idOrSerial) {
        return entries.stream().filter(e -> e.deviceId().equals(idOrSerial) || e.serial().equals(idOrSerial))
                .findFirst();
    }

    /** The phones' peers.txt: DEVICE_ID HOST PORT, plus any extra peers (a laptop orchestrator). */
    public String peersTxt(List<String> extra) {
        StringBuilder out = new StringBuilder("# written by meshbench setup: DEVICE_ID HOST PORT\n");
        entries.forEach(e -> out.append(e.deviceId()).append(' ').append(e.host()).append(' ').append(e.port())
                .append('\n'));
        extra.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    /**
     * The laptop's peers file ({@code meshbench orchestrate --peers}, the window's {@code --peers}): the
     * phones as this laptop reaches them, and the laptop orchestrator's own line when there is one.
     */
    public String laptopPeersTxt(String laptopId, int laptopPort) {
        StringBuilder out = new StringBuilder("# written by meshbench setup: the phones as this laptop reaches them\n");
        if (laptopId != null) {
            out.append(laptopId).append(" 127.0.0.1 ").append(laptopPort).append('\n');
        }
        entries.forEach(e -> out.append(e.deviceId()).append(' ').append(e.laptopHostPort()).append('\n'));
        return out.toString();
    }

    public void write(Path file) {
        StringBuilder out = new StringBuilder("# MeshBench device map: DEVICE_ID SERIAL HOST PORT npu=... source=detected|user [via=LAPTOP_PORT]\n");
        entries.forEach(e -> out.append(e.line()).append('\n'));
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the device map " + file, e);
        }
    }
}
