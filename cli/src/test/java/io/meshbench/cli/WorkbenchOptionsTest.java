package io.meshbench.cli;

import io.meshbench.cli.window.WorkbenchSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's options: an engine for its simulated devices, and what goes with what. */
class WorkbenchOptionsTest {

    private static WorkbenchSettings settings(String... args) {
        MeshBenchCommand command = new MeshBenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.workbench.settings();
    }

    @Test
    void anEngineForTheSimulatedDevices() {
        WorkbenchSettings s = settings("--engine", "llama", "--model", "tiny.gguf", "--engine-option", "threads=1");
        assertEquals("llama", s.engine().name());
        assertEquals(1, s.engine().settings().get("threads"));
        assertTrue(s.engine().settings().get("model").toString().endsWith("tiny.gguf"));
        assertNull(settings().engine(), "the simulated model by default");
        assertEquals(Map.of("speed", 5), settings("--engine", "simulated", "--engine-option", "speed=5").engine().settings());
    }

    @Test
    void optionsThatDoNotGoTogetherAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings("--model", "x.gguf"));
        assertTrue(e.getMessage().contains("--model and --engine-option need --engine NAME"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> settings("--engine", "llama", "--peers", "peers.txt"));
        assertTrue(e.getMessage().contains("an attached mesh's devices run their own"), e.getMessage());
    }
}
