package io.meshbench.agent.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A phone as the real {@code adb} sees it over TCP ({@code adb connect 127.0.0.1:PORT}): the device
 * side of the ADB transport protocol (CNXN, OPEN, OKAY, WRTE, CLSE; no AUTH, as a device with
 * authentication off), with a {@code shell:} service that runs commands with mksh in a sandbox
 * folder (whose {@code bin/} comes first on the PATH: {@code sh} is mksh there, as on Android, and
 * {@code getprop} answers from the properties given) and a {@code sync:} service that takes pushed
 * files (STAT, SEND/DATA/DONE, QUIT). Paths under {@code /data/local/tmp} are the sandbox's own
 * {@code data/local/tmp}, so the host uses a phone's real paths. A mock of adbd, because no phone can run here; everything
 * on the host side is the real adb client and server.
 */
public final class FakeAdbDevice implements AutoCloseable {

    private static final int CNXN = 0x4e584e43, OPEN = 0x4e45504f, OKAY = 0x59414b4f, CLSE = 0x45534c43,
            WRTE = 0x45545257;
    private static final int VERSION = 0x01000001, MAX_DATA = 256 * 1024;

    private final Path sandbox;
    private final Map<String, String> props;
    private final ServerSocket server;
    private final Map<Socket, Boolean> connections = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    public FakeAdbDevice(Path sandbox, Map<String, String> props) throws IOException {
        this.sandbox = sandbox.toAbsolutePath();
        this.props = Map.copyOf(props);
        Path bin = sandbox.resolve("bin");
        Files.createDirectories(bin);
        Files.deleteIfExists(bin.resolve("sh"));
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("/usr/bin/mksh"));
        StringBuilder getprop = new StringBuilder("#!/usr/bin/mksh\ncase $1 in\n");
        props.forEach((k, v) -> getprop.append("  ").append(k).append(") print -r -- '").append(v).append("' ;;\n"));
        getprop.append("  '') ");
        props.forEach((k, v) -> getprop.append("print -r -- '[").append(k).append("]: [").append(v).append("]'; "));
        getprop.append(";;\n  *) print ;;\nesac\n");
        Files.writeString(bin.resolve("getprop"), getprop);
        bin.resolve("getprop").toFile().setExecutable(true);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-adbd").start(this::accept);
    }

    /** The device's /data/local/tmp is the sandbox's. */
    private String onDevice(String text) {
        return text.replace("/data/local/tmp", sandbox + "/data/local/tmp");
    }

    public int port() {
        return server.getLocalPort();
    }

    public String serial() {
        return "127.0.0.1:" + port();
    }

    public Path sandbox() {
        return sandbox;
    }

    /** Drops every connection at once, as a phone whose cable is pulled. */
    public void unplug() throws IOException {
        open = false;
        server.close();
        for (Socket s : connections.keySet()) {
            s.close();
        }
        for (ServerSocket s : reversed.values()) {
            s.close();
        }
    }

    @Override
    public void close() throws IOException {
        unplug();
    }

    private void accept() {
        while (open) {
            try {
                Socket s = server.accept();
                connections.put(s, true);
                Thread.ofVirtual().start(() -> new Connection(s).run());
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One transport: the host's messages in, the device's out, each stream a service. */
    private final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final AtomicInteger ids = new AtomicInteger(1);
        private final Map<Integer, Stream> streams = new ConcurrentHashMap<>();

        Connection(Socket socket) {
            this.socket = socket;
            try {
                this.out = socket.getOutputStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void run() {
            try (socket; DataInputStream in = new DataInputStream(socket.getInputStream())) {
                byte[] header = new byte[24];
                while (true) {
                    in.readFully(header);
                    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                    int command = h.getInt(), arg0 = h.getInt(), arg1 = h.getInt(), length = h.getInt();
                    byte[] data = new byte[length];
                    in.readFully(data);
                    dispatch(command, arg0, arg1, data);
                }
            } catch (IOException e) {
                // the host went away, or the device was unplugged
            } finally {
                streams.values().forEach(Stream::closed);
                connections.remove(socket);
            }
        }

        private void dispatch(int command, int arg0, int arg1, byte[] data) throws IOException {
            switch (command) {
                case CNXN -> {
                    StringBuilder banner = new StringBuilder("device::");
                    for (String p : new String[] {"ro.product.name", "ro.product.model", "ro.product.device"}) {
                        banner.append(p).append('=').append(props.getOrDefault(p, "fake")).append(';');
                    }
                    send(CNXN, VERSION, MAX_DATA, banner.append("features=").toString().getBytes(StandardCharsets.UTF_8));
                }
                case OPEN -> {
                    String service = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                    int local = ids.getAndIncrement();
                    Stream stream;
                    if (service.startsWith("shell:")) {
                        stream = new ShellStream(this, local, arg0, service.substring("shell:".length()));
                    } else if (service.startsWith("tcp:")) {
                        // adb forward: a connection to the laptop's port becomes one to the phone's
                        Socket target = relayTarget(service);
                        if (target == null) {
                            send(CLSE, 0, arg0, new byte[0]);
                            return;
                        }
                        stream = new RelayStream(this, local, arg0, target);
                    } else if (service.startsWith("reverse:")) {
                        stream = new ReverseStream(this, local, arg0, service.substring("reverse:".length()));
                    } else if (service.equals("sync:")) {
                        stream = new SyncStream(this, local, arg0);
                    } else {
                        send(CLSE, 0, arg0, new byte[0]);
                        return;
                    }
                    streams.put(local, stream);
                    send(OKAY, local, arg0, new byte[0]);
                    stream.start();
                }
                case OKAY -> {
                    Stream s = streams.get(arg1);
                    if (s != null && s.remote == 0) {
                        // the host took a stream this device opened (adb reverse)
                        s.remote = arg0;
                        s.opened.countDown();
                    } else if (s != null) {
                        s.acked.release();
                    }
                }
                case WRTE -> {
                    Stream s = streams.get(arg1);
                    if (s != null) {
                        send(OKAY, arg1, arg0, new byte[0]);
                        // off this thread: answering waits for the host's OKAY, which this thread reads
                        s.inbox.execute(() -> {
                            try {
                                s.received(data);
                            } catch (IOException e) {
                                s.finish();
                            }
                        });
                    }
                }
                case CLSE -> {
                    Stream s = streams.remove(arg1);
                    if (s != null) {
                        s.closed();
                    }
                }
                default -> {
                    // AUTH and anything newer: a device with authentication off ignores them
                }
            }
        }

        synchronized void send(int command, int arg0, int arg1, byte[] data) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(24 + data.length).order(ByteOrder.LITTLE_ENDIAN);
            int sum = 0;
            for (byte x : data) {
                sum += x & 0xff;
            }
            b.putInt(command).putInt(arg0).putInt(arg1).putInt(data.length).putInt(sum).putInt(~command).put(data);
            out.write(b.array());
            out.flush();
        }
    }

    /** One open service: writes to the host one WRTE at a time, each waiting for its OKAY. */
    private abstract static class Stream {
        final Connection connection;
        final int local;
        volatile int remote;
        final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
        final Semaphore acked = new Semaphore(0);
        final java.util.concurrent.ExecutorService inbox =
                java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
        volatile boolean closed;

        Stream(Connection connection, int local, int remote) {
            this.connection = connection;
            this.local = local;
            this.remote = remote;
        }

        abstract void start();

        abstract void received(byte[] data) throws IOException;

        void closed() {
            closed = true;
            opened.countDown();
            acked.release(1000);
            inbox.shutdown();
        }

        void write(byte[] data, int length) throws IOException {
            for (int at = 0; at < length && !closed; at += MAX_DATA) {
                int n = Math.min(MAX_DATA, length - at);
                byte[] chunk = new byte[n];
                System.arraycopy(data, at, chunk, 0, n);
                connection.send(WRTE, local, remote, chunk);
                try {
                    if (!acked.tryAcquire(30, TimeUnit.SECONDS)) {
                        throw new IOException("the host did not acknowledge a write");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        }

        void finish() {
            try {
                connection.send(CLSE, local, remote, new byte[0]);
            } catch (IOException ignored) {
                // the host is gone already
            }
            connection.streams.remove(local);
            inbox.shutdown();
        }
    }

    /** {@code shell:COMMAND}: mksh in the sandbox, standard output and error merged, as a legacy adbd does. */
    private final class ShellStream extends Stream {
        private final String command;
        private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        private volatile Process process;

        ShellStream(Connection connection, int local, int remote, String command) {
            super(connection, local, remote);
            this.command = command;
        }

        @Override
        void start() {
            Thread.ofVirtual().start(() -> {
                try {
                    ProcessBuilder pb = new ProcessBuilder("mksh", "-c", onDevice(command)).directory(sandbox.toFile())
                            .redirectErrorStream(true);
                    pb.environment().put("PATH", sandbox.resolve("bin") + ":" + System.getenv("PATH"));
                    pb.environment().put("ANDROID_DATA", sandbox.toString());
                    process = pb.start();
                    started.countDown();
                    InputStream in = process.getInputStream();
                    byte[] buffer = new byte[8192];
                    int n;
                    while (!closed && (n = in.read(buffer)) > 0) {
                        write(buffer, n);
                    }
                    process.waitFor(5, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    // the host closed the stream, or the command could not run
                } finally {
                    started.countDown();
                    if (process != null) {
                        process.descendants().forEach(ProcessHandle::destroy);
                        process.destroy();
                    }
                    finish();
                }
            });
        }

        @Override
        void received(byte[] data) throws IOException {
            // what the host types goes to the command's standard input, as a legacy adbd's shell does
            try {
                started.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (process != null && !closed) {
                process.getOutputStream().write(data);
                process.getOutputStream().flush();
            }
        }

        @Override
        void closed() {
            super.closed();
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
        }
    }

    /** A socket on the device's side of the loopback for {@code tcp:PORT} (or {@code tcp:HOST:PORT}), or null. */
    private static Socket relayTarget(String service) {
        String[] parts = service.split(":");
        try {
            String host = parts.length == 3 ? parts[1] : "127.0.0.1";
            return new Socket(host, Integer.parseInt(parts[parts.length - 1]));
        } catch (IOException | NumberFormatException e) {
            return null; // nothing listens there: adb closes the laptop's connection
        }
    }

    /** Opens a stream from this device to the host's {@code tcp:PORT} for each connection to a reversed port. */
    private final Map<Integer, ServerSocket> reversed = new ConcurrentHashMap<>();

    /** {@code reverse:forward:tcp:R;tcp:L}, {@code reverse:killforward-all}, {@code reverse:killforward:tcp:R}. */
    private final class ReverseStream extends Stream {
        private final String request;

        ReverseStream(Connection connection, int local, int remote, String request) {
            super(connection, local, remote);
            this.request = request;
        }

        @Override
        void start() {
            Thread.ofVirtual().start(() -> {
                try {
                    answer();
                } catch (IOException e) {
                    // the host went away
                } finally {
                    finish();
                }
            });
        }

        private void answer() throws IOException {
            if (request.equals("killforward-all")) {
                for (ServerSocket s : reversed.values()) {
                    s.close();
                }
                reversed.clear();
                okay("");
            } else if (request.startsWith("killforward:tcp:")) {
                ServerSocket s = reversed.remove(Integer.parseInt(request.substring("killforward:tcp:".length())));
                if (s != null) {
                    s.close();
                }
                okay("");
            } else if (request.startsWith("forward:")) {
                String[] spec = request.substring("forward:".length()).replace("norebind:", "").split(";");
                int devicePort = Integer.parseInt(spec[0].substring("tcp:".length()));
                String hostService = spec[1];
                ServerSocket listener = new ServerSocket(devicePort, 50, InetAddress.getLoopbackAddress());
                reversed.put(listener.getLocalPort(), listener);
                Thread.ofVirtual().start(() -> reverseAccept(connection, listener, hostService));
                okay(devicePort == 0 ? String.valueOf(listener.getLocalPort()) : "");
            } else {
                byte[] fail = ("FAIL" + hex("unsupported reverse request " + request)).getBytes(StandardCharsets.UTF_8);
                write(fail, fail.length);
            }
        }

        /** adbd's answer: OKAY, then the port it bound when asked for port 0 (4 hex digits of length first). */
        private void okay(String port) throws IOException {
            byte[] reply = ("OKAY" + (port.isEmpty() ? "" : hex(port))).getBytes(StandardCharsets.UTF_8);
            write(reply, reply.length);
        }

        private static String hex(String text) {
            return String.format("%04x", text.length()) + text;
        }

        @Override
        void received(byte[] data) {
        }
    }

    private void reverseAccept(Connection connection, ServerSocket listener, String hostService) {
        while (open && !listener.isClosed()) {
            try {
                Socket s = listener.accept();
                int local = connection.ids.getAndIncrement();
                RelayStream stream = new RelayStream(connection, local, 0, s);
                connection.streams.put(local, stream);
                connection.send(OPEN, local, 0, (hostService + "\0").getBytes(StandardCharsets.UTF_8));
                Thread.ofVirtual().start(() -> {
                    try {
                        if (stream.opened.await(30, TimeUnit.SECONDS) && !stream.closed) {
                            stream.start();
                            return;
                        }
                    } catch (InterruptedException ignored) {
                        // fall through: give up on this connection
                    }
                    stream.finish();
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Bytes between an adb stream and a TCP socket on the device's side, both ways. */
    private final class RelayStream extends Stream {
        private final Socket socket;

        RelayStream(Connection connection, int local, int remote, Socket socket) {
            super(connection, local, remote);
            this.socket = socket;
        }

        @Override
        void start() {
            Thread.ofVirtual().start(() -> {
                try (InputStream in = socket.getInputStream()) {
                    byte[] buffer = new byte[8192];
                    int n;
                    while (!closed && (n = in.read(buffer)) > 0) {
                        write(buffer, n);
                    }
                } catch (IOException e) {
                    // either side closed
                } finally {
                    finish();
                    closeSocket();
                }
            });
        }

        @Override
        void received(byte[] data) throws IOException {
            socket.getOutputStream().write(data);
            socket.getOutputStream().flush();
        }

        @Override
        void closed() {
            // as adbd does, the socket closes once the data the host sent before CLSE is written to it
            try {
                inbox.execute(this::closeSocket);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeSocket();
            }
            super.closed();
        }

        private void closeSocket() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** {@code sync:}: STAT, SEND (DATA... DONE), QUIT, inside the sandbox only. */
    private final class SyncStream extends Stream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private ByteArrayOutputStream file;
        private Path target;

        SyncStream(Connection connection, int local, int remote) {
            super(connection, local, remote);
        }

        @Override
        void start() {
        }

        @Override
        synchronized void received(byte[] data) throws IOException {
            pending.write(data);
            while (true) {
                byte[] all = pending.toByteArray();
                if (all.length < 8) {
                    return;
                }
                ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
                String id = new String(all, 0, 4, StandardCharsets.US_ASCII);
                b.position(4);
                int length = b.getInt();
                boolean carriesData = !id.equals("DONE") && !id.equals("QUIT");
                int need = 8 + (carriesData ? length : 0);
                if (all.length < need) {
                    return;
                }
                byte[] payload = new byte[carriesData ? length : 0];
                System.arraycopy(all, 8, payload, 0, payload.length);
                pending.reset();
                pending.write(all, need, all.length - need);
                request(id, length, payload);
            }
        }

        private void request(String id, int arg, byte[] payload) throws IOException {
            switch (id) {
                case "STAT" -> {
                    Path p = inside(new String(payload, StandardCharsets.UTF_8));
                    ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                    r.put("STAT".getBytes(StandardCharsets.US_ASCII));
                    if (p != null && Files.exists(p)) {
                        r.putInt(Files.isDirectory(p) ? 0040755 : 0100644).putInt((int) Files.size(p))
                                .putInt((int) (Files.getLastModifiedTime(p).toMillis() / 1000));
                    } else {
                        r.putInt(0).putInt(0).putInt(0);
                    }
                    write(r.array(), 16);
                }
                case "SEND" -> {
                    String spec = new String(payload, StandardCharsets.UTF_8);
                    target = inside(spec.contains(",") ? spec.substring(0, spec.lastIndexOf(',')) : spec);
                    file = new ByteArrayOutputStream();
                }
                case "DATA" -> file.write(payload);
                case "DONE" -> {
                    if (target == null) {
                        reply("FAIL", "path outside the device's sandbox " + sandbox);
                        return;
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, file.toByteArray());
                    reply("OKAY", "");
                }
                case "QUIT" -> finish();
                default -> reply("FAIL", "unsupported sync request " + id);
            }
        }

        private void reply(String id, String message) throws IOException {
            byte[] text = message.getBytes(StandardCharsets.UTF_8);
            ByteBuffer r = ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN);
            r.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(text.length).put(text);
            write(r.array(), r.capacity());
        }

        private Path inside(String remote) {
            Path p = Path.of(onDevice(remote)).toAbsolutePath().normalize();
            return p.startsWith(sandbox) ? p : null;
        }
    }
}
