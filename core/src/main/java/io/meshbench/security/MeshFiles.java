package io.meshbench.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mesh on disk, every file and folder readable by its owner only:
 * <pre>
 * DIR/mesh.txt              name and members: "member ID tls" (a Java node) or "member ID hmac" (a shell agent)
 * DIR/ca.crt                the mesh CA's certificate (PEM): the one trust anchor
 * DIR/ca.key                the CA's private key (PEM, PKCS#8): only needed to add members
 * DIR/mesh.secret           32 random bytes, hex: every agent's HMAC key derives from it
 * DIR/devices/ID.crt, .key  a Java member's certificate and private key
 * DIR/agents/ID.key         a shell agent's HMAC key, hex: what setup --mesh pushes to that phone
 * </pre>
 * A copy for another host may leave out ca.key and the other members' keys. Reading refuses key
 * files that others may read, as ssh does.
 */
public final class MeshFiles {

    static final String MEMBERS = "mesh.txt";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private MeshFiles() {
    }

    /** Writes a new mesh into {@code dir}, which must not exist or be empty. */
    public static void write(Path dir, Mesh mesh) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(dir + " is not empty; give a new folder for the mesh "
                            + "(or add members to it with meshbench mesh add)");
                }
            }
        }
        makeDir(dir);
        writeFile(dir.resolve("ca.crt"), pem("CERTIFICATE", encoded(mesh.caCertificate())));
        if (mesh.caKey() != null) {
            writeFile(dir.resolve("ca.key"), pem("PRIVATE KEY", mesh.caKey().getEncoded()));
        }
        if (mesh.hasSecret()) {
            writeFile(dir.resolve("mesh.secret"), HexFormat.of().formatHex(mesh.secret()) + "\n");
        }
        writeMembers(dir, mesh, mesh.members().keySet());
    }

    /** Adds the members of {@code mesh} missing from {@code dir}'s files (after {@link Mesh#with}). */
    public static void addMembers(Path dir, Mesh mesh, List<String> added) throws IOException {
        writeMembers(dir, mesh, added);
    }

    private static void writeMembers(Path dir, Mesh mesh, Iterable<String> ids) throws IOException {
        for (String id : ids) {
            switch (mesh.members().get(id)) {
                case TLS -> {
                    makeDir(dir.resolve("devices"));
                    Mesh.Identity identity = mesh.identities().get(id);
                    writeFile(dir.resolve("devices").resolve(id + ".crt"), pem("CERTIFICATE", encoded(identity.certificate())));
                    writeFile(dir.resolve("devices").resolve(id + ".key"), pem("PRIVATE KEY", identity.key().getEncoded()));
                }
                case HMAC -> {
                    makeDir(dir.resolve("agents"));
                    writeFile(dir.resolve("agents").resolve(id + ".key"), HexFormat.of().formatHex(mesh.agentKey(id)) + "\n");
                }
            }
        }
        StringBuilder text = new StringBuilder("# MeshBench mesh: written by meshbench mesh init/add. tls = a Java node"
                + " (TLS 1.3, certificates), hmac = a shell agent (HMAC-SHA256 lines)\n");
        text.append("name ").append(mesh.name()).append('\n');
        mesh.members().forEach((id, kind) -> text.append("member ").append(id).append(' ')
                .append(kind.name().toLowerCase()).append('\n'));
        Path members = dir.resolve(MEMBERS);
        Files.deleteIfExists(members);
        writeFile(members, text.toString());
    }

    /** Reads the mesh in {@code dir}; says what is missing or unsafe, naming the file. */
    public static Mesh read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir + ": no such mesh folder; make one with: meshbench mesh init " + dir
                    + " --device ID ...");
        }
        Path membersFile = dir.resolve(MEMBERS);
        String name = null;
        Map<String, Mesh.Kind> members = new LinkedHashMap<>();
        int number = 0;
        for (String line : readText(membersFile).split("\n")) {
            number++;
            String[] words = line.strip().split("\\s+");
            if (words[0].isEmpty() || words[0].startsWith("#")) {
                continue;
            }
            if (words[0].equals("name") && words.length == 2) {
                name = words[1];
            } else if (words[0].equals("member") && words.length == 3
                    && (words[2].equals("tls") || words[2].equals("hmac"))) {
                members.put(words[1], words[2].equals("tls") ? Mesh.Kind.TLS : Mesh.Kind.HMAC);
            } else {
                throw new IOException(membersFile + " line " + number + ": expected \"name NAME\" or \"member ID tls|hmac\", got \""
                        + io.meshbench.protocol.ProtocolException.excerpt(line) + "\"");
            }
        }
        if (name == null) {
            throw new IOException(membersFile + " has no \"name NAME\" line");
        }
        X509Certificate ca = certificate(dir.resolve("ca.crt"));
        PrivateKey caKey = Files.exists(dir.resolve("ca.key")) ? key(dir.resolve("ca.key")) : null;
        byte[] secret = null;
        if (Files.exists(dir.resolve("mesh.secret"))) {
            checkOwnerOnly(dir.resolve("mesh.secret"));
            try {
                secret = HexFormat.of().parseHex(readText(dir.resolve("mesh.secret")).strip());
            } catch (IllegalArgumentException e) {
                throw new IOException(dir.resolve("mesh.secret") + " is not hex: " + e.getMessage());
            }
            if (secret.length != Mesh.SECRET_BYTES) {
                throw new IOException(dir.resolve("mesh.secret") + " must hold " + Mesh.SECRET_BYTES + " bytes, has " + secret.length);
            }
        }
        Map<String, Mesh.Identity> identities = new LinkedHashMap<>();
        for (var member : members.entrySet()) {
            if (member.getValue() != Mesh.Kind.TLS) {
                continue;
            }
            Path crt = dir.resolve("devices").resolve(member.getKey() + ".crt");
            Path keyFile = dir.resolve("devices").resolve(member.getKey() + ".key");
            if (Files.exists(crt)) {
                identities.put(member.getKey(), new Mesh.Identity(certificate(crt),
                        Files.exists(keyFile) ? key(keyFile) : null));
            }
        }
        return new Mesh(name, ca, caKey, secret, members, identities);
    }

    private static X509Certificate certificate(Path file) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(readText(file).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey key(Path file) throws IOException {
        checkOwnerOnly(file);
        String text = readText(file);
        String body = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not a PEM (PKCS#8) EC private key: " + e.getMessage(), e);
        }
    }

    /** Refuses a secret that group or others may read. */
    static void checkOwnerOnly(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: nothing to check
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        for (PosixFilePermission p : perms) {
            if (!OWNER_FILE.contains(p) && p != PosixFilePermission.OWNER_EXECUTE) {
                throw new IOException(file + " may be read by others (" + PosixFilePermissions.toString(perms)
                        + "); a mesh's keys must be the owner's only: chmod 600 " + file);
            }
        }
    }

    private static String readText(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": missing from the mesh folder (made by meshbench mesh init)");
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void makeDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (supportsPosix(dir.toAbsolutePath().getParent())) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
    }

    private static void writeFile(Path file, String text) throws IOException {
        if (supportsPosix(file.getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static boolean supportsPosix(Path dir) throws IOException {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
