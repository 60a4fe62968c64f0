package io.meshbench.cli;

import io.meshbench.adb.AdbException;
import io.meshbench.adb.AgentLog;
import io.meshbench.adb.MeshAdb;
import io.meshbench.event.MeshEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code meshbench logs DEVICE [-f]}: the agent's log ({@code mesh_<id>.log}) over adb. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Prints a phone's agent log (mesh_<id>.log: TIMESTAMP, EVENT, FIELDS, tab-separated); "
                + "-f follows it until Ctrl-C.")
final class LogsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEVICE", description = "A device id of the device map (Device_A) or a serial.")
    String device;

    @Option(names = {"-f", "--follow"}, description = "Print the last --lines lines, then every new line as it is written.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "10",
            description = "With -f, how many of the last lines to print first (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--events", description = "Print each line as the MeshEvent MeshBench reads from it (lines that are none are left out).")
    boolean events;

    @Mixin
    AdbOptions adb;

    @Override
    public Integer call() throws InterruptedException {
        MeshAdb mesh = adb.mesh();
        AdbOptions.Target target = adb.resolve(mesh, device);
        if (!mesh.hasLog(target.serial())) {
            throw new AdbException(target.label() + " has no agent log yet: run meshbench setup, then meshbench start "
                    + target.name());
        }
        AgentLog reader = new AgentLog();
        if (!follow) {
            List<String> all = mesh.log(target.serial());
            all.forEach(line -> print(reader, target.name(), line));
            return 0;
        }
        Process tail = mesh.follow(target.serial(), lines, line -> print(reader, target.name(), line));
        Runtime.getRuntime().addShutdownHook(new Thread(tail::destroy, "meshbench-logs-stop"));
        tail.waitFor();
        // tail -f ends only when it is stopped or the device is gone: say which
        if (!mesh.attached().getOrDefault(target.serial(), "gone").equals("device")) {
            throw new AdbException("device " + target.label() + " went away while following its log: check its cable "
                    + "or Wi-Fi and 'adb devices', then run the command again");
        }
        return 0;
    }

    private void print(AgentLog reader, String id, String line) {
        if (!events) {
            System.out.println(line);
            return;
        }
        Optional<MeshEvent> event = reader.toEvent(id, line);
        event.ifPresent(System.out::println);
    }
}
