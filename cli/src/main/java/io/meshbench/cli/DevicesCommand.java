package io.meshbench.cli;

import io.meshbench.adb.Adb;
import io.meshbench.adb.DeviceInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code meshbench devices}: every attached phone and its agent. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Lists every device adb sees (USB or Wi-Fi): serial, model, Android version, ABI, battery, "
                + "and whether the MeshBench agent is deployed and running.")
final class DevicesCommand implements Callable<Integer> {

    @Mixin
    AdbOptions adb;

    @Override
    public Integer call() {
        List<DeviceInfo> devices = adb.mesh().devices();
        if (devices.isEmpty()) {
            System.err.println("meshbench: " + Adb.failure("-", "devices", "no devices/emulators found").getMessage());
            return 2;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERIAL", "STATE", "MODEL", "ANDROID", "ABI", "BATTERY", "MESH ID", "AGENT"});
        for (DeviceInfo d : devices) {
            rows.add(new String[] {d.serial(), d.state(), dash(d.model()), dash(d.android()), dash(d.abi()),
                    d.battery() < 0 ? "-" : d.battery() + "%", dash(d.meshId()), d.agent()});
        }
        int[] widths = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : String.format("%-" + widths[i] + "s  ", r[i]));
            }
            System.out.println(line.toString().stripTrailing());
        }
        for (DeviceInfo d : devices) {
            if (d.state().equals("unauthorized")) {
                System.out.println();
                System.out.println(d.serial() + " is unauthorized: unlock the phone and accept the \"Allow USB debugging?\" "
                        + "prompt, then run the command again.");
            } else if (d.state().equals("offline")) {
                System.out.println();
                System.out.println(d.serial() + " is offline: reconnect its cable (or 'adb connect' again for Wi-Fi).");
            }
        }
        return 0;
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
