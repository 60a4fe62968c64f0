package io.meshbench.cli;

import io.meshbench.security.MeshFiles;
import io.meshbench.security.NodeSecurity;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code --mesh DIR} or {@code --insecure}, and {@code --host}: shared by the commands that run a node on a network. */
final class SecurityOptions {

    @Option(names = "--mesh", paramLabel = "DIR",
            description = "The mesh folder made by `meshbench mesh init`: TLS 1.3 with Java nodes, HMAC-SHA256 with shell agents, "
                    + "nothing else taken or sent.")
    Path mesh;

    @Option(names = "--insecure",
            description = "Speak the original plaintext format (as the original shell scripts do): anyone on the network can "
                    + "read, forge and replay lines. Needed to start without --mesh.")
    boolean insecure;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default: 0.0.0.0, every interface, with --mesh; 127.0.0.1, this machine only, "
                    + "with --insecure: give --host 0.0.0.0 to expose a plaintext node).")
    String host;

    /** The node's security for {@code self}; refuses to go on without a choice, saying why. */
    NodeSecurity resolve(String command, String self) throws IOException {
        if (mesh != null && insecure) {
            throw new IllegalArgumentException("give --mesh DIR or --insecure, not both");
        }
        if (mesh == null && !insecure) {
            throw new IllegalArgumentException(command + " will not start without a mesh: give --mesh DIR (made by "
                    + "`meshbench mesh init DIR --device " + self + " ...`), or --insecure to speak the original plaintext "
                    + "format, which anyone on the network can read and forge (the original shell agents need it)");
        }
        return mesh != null ? NodeSecurity.of(MeshFiles.read(mesh), self) : NodeSecurity.insecure();
    }

    /** The address to listen on: --host, else every interface in a mesh and loopback when plaintext. */
    String host() {
        return host != null ? host : insecure ? "127.0.0.1" : "0.0.0.0";
    }

    /** Says where the node listens and how its links are protected. */
    static void announce(PrintStream out, String id, String address, NodeSecurity security) {
        String where = address.startsWith("0.0.0.0:") || address.startsWith("[::]:") || address.startsWith(":::")
                ? " (every interface: reachable from the network)"
                : address.startsWith("127.") ? " (this machine only)" : "";
        out.println((security.secure() ? "" : "WARNING: ") + id + " listens on " + address + where + "; "
                + security.describe());
    }
}
