package io.meshbench.net;

import io.meshbench.protocol.DeviceId;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps device ids to {@code host:port}: the original design's {@code peers.txt} and device map.
 * A reply goes to the sender's id as this directory maps it. Thread-safe; keeps the order in which
 * peers were added.
 *
 * <p>File format: one peer a line, {@code DEVICE_ID HOST PORT} or {@code DEVICE_ID HOST:PORT}
 * ({@code [::1]:9999} for IPv6); {@code #} starts a comment; blank lines are skipped.
 */
public final class PeerDirectory {

    /** One peer's address. */
    public record Peer(String id, String host, int port) {
        public Peer {
            DeviceId.check("peer id", id);
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("peer " + id + " has no host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("peer " + id + " has port " + port + "; a port is 1 to 65535");
            }
        }

        public InetSocketAddress address() {
            return new InetSocketAddress(host, port);
        }

        /** {@code host:port}, with brackets around an IPv6 host. */
        public String hostPort() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private final Map<String, Peer> peers = new LinkedHashMap<>();

    public PeerDirectory() {
    }

    public PeerDirectory(List<Peer> initial) {
        initial.forEach(this::put);
    }

    /** Reads a peers file; an error names the file, the line and what a line must look like. */
    public static PeerDirectory read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("peers file " + file + " does not exist; write one peer a line, "
                    + "e.g. \"Device_B 192.168.1.102 9999\"");
        } catch (IOException e) {
            throw new IllegalArgumentException("peers file " + file + " cannot be read: " + e.getMessage());
        }
    }

    public static PeerDirectory parse(String text, String source) {
        PeerDirectory directory = new PeerDirectory();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            Peer peer;
            try {
                peer = parseLine(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage() + "; a line is DEVICE_ID HOST PORT "
                        + "or DEVICE_ID HOST:PORT, got \"" + line + "\"");
            }
            if (directory.find(peer.id()).isPresent()) {
                throw new IllegalArgumentException(where + ": peer " + peer.id() + " is listed twice");
            }
            directory.put(peer);
        }
        return directory;
    }

    private static Peer parseLine(String line) {
        String[] tokens = line.split("\\s+");
        if (tokens.length == 3) {
            return new Peer(tokens[0], unbracket(tokens[1]), port(tokens[2]));
        }
        if (tokens.length == 2) {
            String hostPort = tokens[1];
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("no port");
            }
            return new Peer(tokens[0], unbracket(hostPort.substring(0, colon)), port(hostPort.substring(colon + 1)));
        }
        throw new IllegalArgumentException(tokens.length + " fields");
    }

    /** {@code [::1]} to {@code ::1}: brackets only set an IPv6 host apart from its port. */
    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port \"" + token + "\" is not a number");
        }
    }

    public synchronized void put(Peer peer) {
        peers.put(peer.id(), peer);
    }

    public synchronized void remove(String id) {
        peers.remove(id);
    }

    public synchronized Optional<Peer> find(String id) {
        return Optional.ofNullable(peers.get(id));
    }

    /** Every peer's id, in the order they were added. */
    public synchronized List<String> ids() {
        return new ArrayList<>(peers.keySet());
    }

    public synchronized List<Peer> all() {
        return new ArrayList<>(peers.values());
    }

    /** The directory as a peers file. */
    public synchronized String format() {
        StringBuilder out = new StringBuilder();
        peers.values().forEach(p -> out.append(p.id()).append(' ').append(p.host()).append(' ').append(p.port())
                .append('\n'));
        return out.toString();
    }
}
