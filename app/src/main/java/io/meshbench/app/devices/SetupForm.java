package io.meshbench.app.devices;

import io.meshbench.adb.MeshSetup;

import java.util.Map;

/**
 * Setup's settings as typed into the Devices panel, checked with the same rules and messages as
 * {@code meshbench setup}'s options.
 *
 * @param laptop "" for none, {@code HOST:PORT} of an orchestrator on this laptop, or PORT alone with {@code usb}
 */
record SetupForm(String port, boolean distinctPorts, String slmCommand, String laptop, boolean usb) {

    static final String LAPTOP_ID = "Laptop";

    MeshSetup setup(Map<String, Boolean> npuAnswers) {
        String p = port == null ? "" : port.strip();
        if (!p.matches("\\d{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
            throw new IllegalArgumentException("Port \"" + port + "\": give the agents' port, 1 to 65535 (the original "
                    + "mesh uses 9999)");
        }
        String command = slmCommand == null || slmCommand.isBlank() ? null : slmCommand.strip();
        return new MeshSetup(Integer.parseInt(p), distinctPorts, npuAnswers, command, laptopPeer(), Map.of(), usb);
    }

    private MeshSetup.Laptop laptopPeer() {
        String text = laptop == null ? "" : laptop.strip();
        if (text.isEmpty()) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? null : text.substring(0, colon);
        String portText = colon < 0 ? text : text.substring(colon + 1);
        if (!portText.matches("\\d{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
            throw new IllegalArgumentException("Laptop \"" + laptop + "\": give HOST:PORT with a port of 1 to 65535");
        }
        if (host == null && !usb) {
            throw new IllegalArgumentException("Laptop \"" + laptop + "\": give this laptop's address as the phones "
                    + "reach it, HOST:PORT (e.g. 192.168.1.10:" + portText + "); PORT alone is enough only with USB");
        }
        return new MeshSetup.Laptop(LAPTOP_ID, usb ? "127.0.0.1" : host, Integer.parseInt(portText));
    }

    String laptopId() {
        return laptopPeer() == null ? null : LAPTOP_ID;
    }

    int laptopPort() {
        MeshSetup.Laptop l = laptopPeer();
        return l == null ? 0 : l.port();
    }
}
