package io.meshbench.cli;

import io.meshbench.adb.Adb;
import io.meshbench.adb.AdbException;
import io.meshbench.adb.DeviceMap;
import io.meshbench.adb.MeshAdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code meshbench orchestrate --on Device_A}: the original {@code run_orchestrator.sh}. The Java
 * orchestrator runs on the phone itself when {@code adb shell} finds a JDK 21+ there: MeshBench pushes
 * its jars, stops the phone's listener (the orchestrator takes its port, where the other phones send
 * their bids) and runs the prompt loop over adb, this terminal's input passed through. A stock phone
 * has no Java under {@code adb shell}: then it says so, and what to run instead.
 */
final class PhoneOrchestrator {

    private final AdbOptions options;

    PhoneOrchestrator(AdbOptions options) {
        this.options = options;
    }

    int run(String device, List<String> orchestrateArgs) throws IOException, InterruptedException {
        MeshAdb mesh = options.mesh();
        AdbOptions.Target target = options.resolve(mesh, device);
        DeviceMap.Entry entry = options.deviceMap().bySerial(target.serial()).orElseThrow(() -> new AdbException(
                target.label() + " is not set up as a mesh device: run meshbench setup first"));
        Adb adb = mesh.adb();
        Adb.Result probe = adb.shell(target.serial(), "J=$(command -v java) && echo \"java=$J\" && \"$J\" -version 2>&1");
        Matcher version = Pattern.compile("version \"(\\d+)").matcher(probe.output());
        if (probe.status() != 0 || !version.find() || Integer.parseInt(version.group(1)) < 21) {
            throw new IllegalStateException(entry.deviceId() + " has no Java 21 or newer that adb shell can run ("
                    + (probe.status() != 0 ? "no java on its PATH" : "found: " + probe.output().lines().filter(
                            l -> l.contains("version")).findFirst().orElse(probe.output().strip())) + "); a stock phone "
                    + "has none, and Termux's is private to the Termux app. What you can do: run the orchestrator on "
                    + "this laptop as a member of the mesh: meshbench setup --laptop HOST:PORT (--usb and PORT for phones "
                    + "on USB), meshbench start, then meshbench orchestrate --id Laptop --port PORT --peers ~/.mesh_peers; "
                    + "or, inside Termux on the phone (pkg install openjdk-21), copy cli/target/meshbench-cli.jar and its lib/ (the headless bundle) "
                    + "there and run java -jar meshbench-cli.jar orchestrate --id " + entry.deviceId() + " --port "
                    + entry.port() + " --peers " + MeshAdb.DEFAULT_DIR + "/peers.txt");
        }
        String dir = MeshAdb.DEFAULT_DIR + "/java";
        List<String> remote = new ArrayList<>();
        adb.shell(target.serial(), "rm -rf " + dir + " && mkdir -p " + dir);
        int i = 0;
        for (Path local : classPath()) {
            String name = dir + "/" + (i++) + "-" + local.getFileName();
            adb.push(target.serial(), local, name);
            remote.add(name);
        }
        System.out.println("pushed MeshBench (" + remote.size() + " class path entries) to " + dir + " on "
                + entry.deviceId() + "; stopping its listener, whose port " + entry.port() + " the orchestrator takes");
        mesh.control(target.serial(), "stop");
        StringBuilder command = new StringBuilder("cd " + MeshAdb.DEFAULT_DIR + " && java -Dstdout.encoding=UTF-8 -cp "
                + String.join(":", remote) + " io.meshbench.cli.Main orchestrate --id " + entry.deviceId() + " --port "
                + entry.port() + " --peers " + MeshAdb.DEFAULT_DIR + "/peers.txt");
        orchestrateArgs.forEach(a -> command.append(' ').append(quote(a)));
        List<String> adbCommand = new ArrayList<>(List.of(adb.executable()));
        if (adb.serverPort() > 0) {
            adbCommand.addAll(List.of("-P", String.valueOf(adb.serverPort())));
        }
        adbCommand.addAll(List.of("-s", target.serial(), "shell", command.toString()));
        Process p = new ProcessBuilder(adbCommand).inheritIO().start();
        int status = p.waitFor();
        System.out.println("the orchestrator on " + entry.deviceId() + " ended; meshbench start " + entry.deviceId()
                + " brings its listener back");
        return status == 0 ? 0 : 1;
    }

    /**
     * The headless bundle: the command line's jar and the jars it names in
     * {@code META-INF/meshbench/headless.classpath} (written by the build), looked up beside it
     * (the full bundle's lib/) or in its lib/ (the headless bundle). No window, no test jars.
     */
    static List<Path> classPath() throws IOException {
        Path self;
        try {
            self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | SecurityException e) {
            throw new IOException("cannot tell where MeshBench's command line was loaded from: " + e.getMessage(), e);
        }
        String list;
        try (var in = Main.class.getResourceAsStream("/META-INF/meshbench/headless.classpath")) {
            list = in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
        if (!Files.isRegularFile(self) || list == null) {
            throw new IllegalStateException("orchestrate --on pushes MeshBench's built jars, but this one runs from "
                    + self + "; build it first (./meshbench builds on its own) and run it from the jar");
        }
        List<Path> out = new ArrayList<>(List.of(self));
        for (String entry : list.split(":")) {
            String name = Path.of(entry).getFileName().toString();
            Path beside = self.resolveSibling(name);
            Path inLib = self.resolveSibling("lib").resolve(name);
            Path found = Files.exists(beside) ? beside : inLib;
            if (!Files.exists(found)) {
                throw new IOException("the headless bundle names " + name + ", which is neither at " + beside
                        + " nor at " + inLib + "; rebuild MeshBench (./meshbench, or scripts/dist)");
            }
            out.add(found);
        }
        return out;
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
