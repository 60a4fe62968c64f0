package io.meshbench.app.mesh;

import io.meshbench.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WarmupTest {

    @Test
    void bothWarmUpAuctionsEndOnARealMesh() {
        assertEquals(2, Warmup.run(PluginRegistry.fromClassPath()),
                "one auction completed and one with a device down, each ended");
    }
}
