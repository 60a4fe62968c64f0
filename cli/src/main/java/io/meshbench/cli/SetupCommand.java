package io.meshbench.cli;

import io.meshbench.adb.DeviceMap;
import io.meshbench.adb.MeshSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code meshbench setup}: the original {@code setup_mesh_direct.sh}, with NPU detection instead of a y/n prompt. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Sets up every attached phone as a mesh device: names them Device_A, Device_B, ... (names are kept "
                + "across runs), detects their NPUs (with the evidence), pushes the agent to /data/local/tmp/mesh with each "
                + "phone's device_config.json and peers.txt, and writes the device map (~/.mesh_device_map) and this "
                + "laptop's peers file (~/.mesh_peers).",
                "Then: meshbench start; meshbench orchestrate --id Laptop --port PORT --peers ~/.mesh_peers."})
final class SetupCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9999", description = "The agents' port on the phones (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--distinct-ports",
            description = "Give each phone its own port (PORT, PORT+1, ...): for devices that share one address, such as emulators.")
    boolean distinctPorts;

    @Option(names = "--npu", paramLabel = "DEVICE=yes|no",
            description = "Override the NPU detection for a device (id or serial); the answer is kept for later setups. Repeatable.")
    Map<String, String> npu = new LinkedHashMap<>();

    @Option(names = "--host", paramLabel = "DEVICE=ADDRESS",
            description = "A phone's address on the mesh, where its Wi-Fi (wlan0) address is not the one to use. Repeatable.")
    Map<String, String> hosts = new LinkedHashMap<>();

    @Option(names = "--slm-command", paramLabel = "COMMAND",
            description = "device_config.json's slm_command: the model run for a TASK, with $PROMPT_FILE, $PROMPT and $USE_NPU set "
                    + "(e.g. '/data/local/tmp/llama-cli -m /data/local/tmp/model.gguf -n 128 -f \"$PROMPT_FILE\"').")
    String slmCommand;

    @Option(names = "--laptop", paramLabel = "HOST:PORT",
            description = "An orchestrator on this laptop takes part: the phones' peer lists name it at HOST:PORT (this laptop's "
                    + "address as the phones reach it). With --usb, PORT alone.")
    String laptop;

    @Option(names = "--laptop-id", paramLabel = "ID", defaultValue = "Laptop",
            description = "The laptop orchestrator's device id (default: ${DEFAULT-VALUE}).")
    String laptopId;

    @Option(names = "--usb",
            description = "The phones reach nothing but this laptop, over USB: route the mesh through it with adb forward "
                    + "(laptop to phone) and adb reverse (phone to laptop). Run setup again after replugging a phone or "
                    + "restarting adb: the routes live in the adb server.")
    boolean usb;

    @Option(names = "--laptop-peers", paramLabel = "FILE",
            description = "Where to write this laptop's peers file: the phones as the laptop reaches them (default: ~/.mesh_peers).")
    Path laptopPeers;

    @Mixin
    AdbOptions adb;

    @Option(names = "--mesh", paramLabel = "DIR",
            description = "The mesh (meshbench mesh init): each phone becomes one of its agents (added if missing) and gets "
                    + "its own HMAC key as mesh.key; its lines are then sealed and it refuses plaintext.")
    Path mesh;

    @Override
    public Integer call() throws IOException {
        Map<String, Boolean> overrides = new LinkedHashMap<>();
        npu.forEach((device, answer) -> overrides.put(device, yesNo(device, answer)));
        MeshSetup.Laptop orchestrator = laptop == null ? null : laptop();
        DeviceMap map = new MeshSetup(port, distinctPorts, overrides, slmCommand, orchestrator, hosts, usb)
                .run(adb.mesh(), adb.mapFile(), System.out::println);
        if (mesh != null) {
            pushKeys(map);
        }
        Path peersFile = laptopPeers != null ? laptopPeers
                : Path.of(System.getProperty("user.home"), ".mesh_peers");
        Files.writeString(peersFile, map.laptopPeersTxt(orchestrator == null ? null : orchestrator.id(),
                orchestrator == null ? 0 : orchestrator.port()));
        System.out.println("wrote " + peersFile);
        System.out.println();
        System.out.println("Next: meshbench start, then watch an auction with "
                + (orchestrator == null
                ? "an orchestrator the phones know: run setup again with --laptop HOST:PORT, then meshbench orchestrate"
                : "meshbench orchestrate " + (mesh != null ? "--mesh " + mesh : "--insecure") + " --id " + orchestrator.id() + " --port " + orchestrator.port() + " --peers "
                        + peersFile + " (or the window: meshbench --id " + orchestrator.id() + " --peers " + peersFile + ")"));
        return 0;
    }

    private void pushKeys(DeviceMap map) throws IOException {
        io.meshbench.security.Mesh keys = io.meshbench.security.MeshFiles.read(mesh);
        java.util.List<String> added = new java.util.ArrayList<>();
        for (DeviceMap.Entry e : map.entries()) {
            var kind = keys.kindOf(e.deviceId());
            if (kind.isEmpty()) {
                keys = keys.with(e.deviceId(), io.meshbench.security.Mesh.Kind.HMAC);
                added.add(e.deviceId());
            } else if (kind.get() != io.meshbench.security.Mesh.Kind.HMAC) {
                throw new IllegalArgumentException(e.deviceId() + " is a Java member (tls) of mesh " + keys.name()
                        + ", not a shell agent; give the phone another id or make the mesh again");
            }
        }
        if (!added.isEmpty()) {
            io.meshbench.security.MeshFiles.addMembers(mesh, keys, added);
            System.out.println("added to mesh " + keys.name() + " as shell agents: " + String.join(", ", added));
        }
        for (DeviceMap.Entry e : map.entries()) {
            adb.mesh().pushKey(e.serial(), java.util.HexFormat.of().formatHex(keys.agentKey(e.deviceId())));
            System.out.println("pushed " + e.deviceId() + "'s mesh key: its lines are sealed with HMAC-SHA256 and it "
                    + "refuses plaintext");
        }
    }

    private static boolean yesNo(String device, String answer) {
        return switch (answer.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true" -> true;
            case "no", "n", "false" -> false;
            default -> throw new IllegalArgumentException("--npu " + device + "=" + answer + ": say yes or no");
        };
    }

    private MeshSetup.Laptop laptop() {
        String text = laptop.strip();
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? null : text.substring(0, colon);
        String portText = colon < 0 ? text : text.substring(colon + 1);
        if (!portText.matches("\\d{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
            throw new IllegalArgumentException("--laptop " + laptop + ": give HOST:PORT with a port of 1 to 65535");
        }
        if (host == null && !usb) {
            throw new IllegalArgumentException("--laptop " + laptop + ": give this laptop's address as the phones reach it, "
                    + "HOST:PORT (e.g. 192.168.1.10:" + portText + "); PORT alone is enough only with --usb");
        }
        return new MeshSetup.Laptop(laptopId, usb ? "127.0.0.1" : host, Integer.parseInt(portText));
    }
}
