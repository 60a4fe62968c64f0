package io.meshbench.bench.mesh;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell agents' ports: toybox nc needs its port number up front, so another process can take the
 * port between our choosing it and netcat binding it. Here a test holds the port it hands out first,
 * the way that other process would, and the mesh must move the agent to another port and still work.
 */
class ShellBenchMeshTest {

    @Test
    void anAgentWhosePortIsTakenRetriesOnAnotherAndTheMeshAnswers() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0)); // listening: nc cannot bind it
            List<Integer> handedOut = new ArrayList<>();
            ShellBenchMesh.Ports ports = () -> {
                int port = handedOut.isEmpty() ? taken.getLocalPort() : free();
                handedOut.add(port);
                return port;
            };
            try (ShellBenchMesh mesh = new ShellBenchMesh(2, false, ports, ShellBenchMesh.BIND_TRIES)) {
                assertTrue(handedOut.size() >= 3, "the first agent was given another port after the taken one: " + handedOut);
                mesh.roundTrip(BenchMesh.Phase.TASK); // both agents answer: the moved one at its new port
            }
        }
    }

    @Test
    void anAgentThatNeverFindsAPortFailsTheMeshNamingItAndThePortsTried() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            // 2 tries, not the 5 the benchmarks allow: each failed start costs mesh_ctl.sh's wait for its listener
            IOException e = assertThrows(IOException.class, () -> new ShellBenchMesh(1, false, taken::getLocalPort, 2).close());
            assertTrue(e.getMessage().contains("Device_") && e.getMessage().contains("2 ports")
                    && e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
            assertTrue(e.getMessage().contains("in use"), "netcat's own words: " + e.getMessage());
            assertEquals(2, e.getMessage().split(String.valueOf(taken.getLocalPort()), -1).length - 1,
                    e.getMessage());
        }
    }

    private static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
