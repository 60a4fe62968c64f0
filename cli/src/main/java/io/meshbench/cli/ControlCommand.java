package io.meshbench.cli;

import io.meshbench.adb.AdbException;
import io.meshbench.adb.MeshAdb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code meshbench start|stop|status [DEVICE]}: the original {@code start_mesh_X.sh} and
 * {@code check_mesh_status.sh}, through the agent's {@code mesh_ctl.sh}, on one phone or on all.
 */
abstract class ControlCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEVICE",
            description = "A device id of the device map (Device_A) or a serial; every attached device when left out.")
    String device;

    @Mixin
    AdbOptions adb;

    abstract String action();

    @Override
    public Integer call() {
        MeshAdb mesh = adb.mesh();
        int failed = 0;
        for (AdbOptions.Target t : adb.targets(mesh, device)) {
            try {
                Map<String, String> f = mesh.control(t.serial(), action());
                String state = f.get("state");
                System.out.println(t.label() + ": " + state + (state.equals("running")
                        ? " (agent " + f.getOrDefault("id", "?") + " on port " + f.getOrDefault("port", "?") + ", pid "
                                + f.getOrDefault("pid", "?") + ")" : ""));
            } catch (AdbException e) {
                // one phone's failure does not stop the others'; the exit code tells
                System.out.println(t.label() + ": " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? 0 : 2;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts the agent's listener on a phone (or all): it keeps running after adb disconnects.")
    static final class Start extends ControlCommand {
        @Override
        String action() {
            return "start";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops the agent's listener on a phone (or all).")
    static final class Stop extends ControlCommand {
        @Override
        String action() {
            return "stop";
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Whether the agent's listener runs on a phone (or all), with its id, port and pid.")
    static final class Status extends ControlCommand {
        @Override
        String action() {
            return "status";
        }
    }
}
