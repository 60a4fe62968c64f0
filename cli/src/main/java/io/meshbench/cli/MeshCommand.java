package io.meshbench.cli;

import io.meshbench.security.Mesh;
import io.meshbench.security.MeshFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code meshbench mesh init|add}: a mesh's identities on disk. */
@Command(name = "mesh", mixinStandardHelpOptions = true,
        description = "Makes and grows a mesh: its CA, the mesh secret, and per member a key and certificate (Java nodes) "
                + "or an HMAC key (shell agents on phones). Files are readable by their owner only.",
        subcommands = {MeshCommand.Init.class, MeshCommand.Add.class})
final class MeshCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "give a subcommand: mesh init DIR --device ID ... or mesh add DIR --device ID");
    }

    static final class Members {
        @Option(names = "--device", paramLabel = "ID", split = ",",
                description = "A Java node (node, orchestrate, record, the window): gets a key pair and a certificate.")
        List<String> devices = new ArrayList<>();

        @Option(names = "--agent", paramLabel = "ID", split = ",",
                description = "A shell agent (the phone agent under mksh + toybox): gets an HMAC key (agents/ID.key), "
                        + "which `meshbench setup --mesh DIR` pushes to that phone.")
        List<String> agents = new ArrayList<>();

        void require() {
            if (devices.isEmpty() && agents.isEmpty()) {
                throw new IllegalArgumentException("name the members: --device ID for each Java node (the orchestrator "
                        + "too), --agent ID for each phone running the shell agent");
            }
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Makes a new mesh in DIR (which must not exist or be empty).")
    static final class Init implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Option(names = "--name", paramLabel = "NAME", description = "The mesh's name (default: the folder's name).")
        String name;

        @picocli.CommandLine.Mixin
        Members members;

        @Override
        public Integer call() throws Exception {
            members.require();
            String meshName = name != null ? name
                    : dir.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
            Mesh mesh = Mesh.create(meshName.length() > 64 ? meshName.substring(0, 64) : meshName, members.devices,
                    members.agents);
            MeshFiles.write(dir, mesh);
            System.out.println("mesh " + mesh.name() + " made in " + dir + " (owner-only files): "
                    + String.join(", ", mesh.members().keySet()));
            System.out.println("start each Java node with --mesh " + dir + "; copy the folder (without ca.key) to other hosts "
                    + "over a channel you trust; push agent keys with: meshbench setup --mesh " + dir);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds members to the mesh in DIR (needs its ca.key and mesh.secret).")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @picocli.CommandLine.Mixin
        Members members;

        @Override
        public Integer call() throws Exception {
            members.require();
            Mesh mesh = MeshFiles.read(dir);
            List<String> added = new ArrayList<>();
            for (String id : members.devices) {
                mesh = mesh.with(id, Mesh.Kind.TLS);
                added.add(id);
            }
            for (String id : members.agents) {
                mesh = mesh.with(id, Mesh.Kind.HMAC);
                added.add(id);
            }
            MeshFiles.addMembers(dir, mesh, added);
            System.out.println("added to mesh " + mesh.name() + " in " + dir + ": " + String.join(", ", added));
            return 0;
        }
    }
}
