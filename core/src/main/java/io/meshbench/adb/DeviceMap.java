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

    public record Entry(String deviceId, String serial, String host, int port, boolean npu, String source) {
        String line() {
            return deviceId + " " + serial + " " + host + " " + port + " npu=" + npu + " source=" + source;
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
                    entries.add(new Entry(w[0], w[1], w[2], Integer.parseInt(w[3]), w[4].equals("npu=true"),
                            w[5].replace("source=", "")));
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

    public void write(Path file) {
        StringBuilder out = new StringBuilder("# MeshBench device map: DEVICE_ID SERIAL HOST PORT npu=... source=detected|user\n");
        entries.forEach(e -> out.append(e.line()).append('\n'));
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the device map " + file, e);
        }
    }
}
