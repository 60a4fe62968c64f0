package io.meshbench.cli;

import io.meshbench.event.EventBus;
import io.meshbench.record.RecordingWriter;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --record FILE}, shared by the commands that run a mesh. */
final class RecordOptions {

    @Option(names = "--record", paramLabel = "FILE",
            description = "Record every event of the run to FILE (JSON Lines), for `meshbench report` and `meshbench replay`. "
                    + "Written as it happens: Ctrl-C or a crash leaves the file readable up to the last event.")
    Path record;

    /**
     * Starts recording {@code bus} when {@code --record} was given; closing the handle stops it.
     * Subscribe before the mesh starts, close after it stopped, so the file holds the whole run.
     * A shutdown hook closes the file on Ctrl-C.
     */
    AutoCloseable start(EventBus bus, String command, Map<String, String> facts) throws IOException {
        if (record == null) {
            return () -> { };
        }
        Map<String, String> metadata = new LinkedHashMap<>(facts);
        metadata.put("command", command);
        metadata.put("meshbench", "0.1.0");
        RecordingWriter writer = RecordingWriter.open(record, metadata);
        AutoCloseable subscription = bus.subscribe(writer);
        Thread hook = new Thread(() -> {
            try {
                writer.close();
            } catch (IOException e) {
                System.err.println("meshbench: " + e.getMessage());
            }
        }, "meshbench-recording-close");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            subscription.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will run; closing twice is harmless
            }
            writer.close();
            System.err.println("meshbench: recorded " + writer.written() + " events to " + record);
        };
    }
}
