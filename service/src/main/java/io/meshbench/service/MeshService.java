package io.meshbench.service;

import io.meshbench.live.MeshSession;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.meshbench.event.EventBus;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code meshbench serve}: the mesh over HTTP, on Javalin with a virtual thread per request. Serves
 * the dashboard from the jar ({@code /}), the JSON API ({@code /api}), the live event stream
 * ({@code /api/events}), OpenAI's chat completions ({@code /v1}) and Prometheus metrics
 * ({@code /metrics}). Everything it shows comes from the mesh's one {@link EventBus}: create the
 * service on the bus before the mesh starts, then {@link #start} it with the mesh.
 */
public final class MeshService implements AutoCloseable {

    /**
     * @param host          where to listen; anything but loopback needs a token
     * @param port          0 for any free port
     * @param token         the bearer token the API requires; {@code null} for none (loopback only)
     * @param maxBodyBytes  the largest request body taken
     * @param maxInFlight   prompts in the mesh at once; 0 for half of what the simulated devices take (16 for an attached mesh)
     * @param maxWaiting    prompts waiting for a place; more are refused with 429
     * @param answerTimeout how long a request waits for the mesh's answer
     */
    public record Settings(String host, int port, String token, int maxBodyBytes, int maxInFlight, int maxWaiting,
                           Duration answerTimeout) {
        public static final int DEFAULT_MAX_BODY = 256 * 1024;

        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0 to 65535, got " + port);
            }
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("--max-body must be at least 1024 bytes, got " + maxBodyBytes);
            }
            if (maxInFlight < 0 || maxWaiting < 0) {
                throw new IllegalArgumentException("--max-in-flight and --max-waiting must be 0 or more");
            }
            if (token != null && token.length() < 16) {
                throw new IllegalArgumentException("--token must be at least 16 characters (or leave it out to get one generated)");
            }
            if (token == null && !MeshService.loopback(host)) {
                throw new IllegalArgumentException("listening on " + host + " needs a token; give --token or let serve generate one");
            }
        }

        public static Settings loopback(int port) {
            return new Settings("127.0.0.1", port, null, DEFAULT_MAX_BODY, 0, 10_000, Duration.ofSeconds(330));
        }

        public Settings withToken(String newToken) {
            return new Settings(host, port, newToken, maxBodyBytes, maxInFlight, maxWaiting, answerTimeout);
        }
    }

    /** Whether {@code host} names only this machine (127.0.0.0/8, ::1, localhost). */
    public static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A fresh token for {@link Settings#token}. */
    public static String newToken() {
        return Access.newToken();
    }

    private static final Map<String, String> PAGES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.css", "app.css");

    private final EventBus bus;
    private final Settings settings;
    private final TaskBoard tasks = new TaskBoard(TaskBoard.DEFAULT_CAPACITY);
    private final DeviceBoard devices = new DeviceBoard();
    private final EventStream stream = new EventStream();
    private final MeshMetrics metrics;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private Javalin app;

    /** Subscribes to {@code bus}; start the mesh after this, so the service sees it start. */
    public MeshService(EventBus bus, Settings settings) {
        this.bus = bus;
        this.settings = settings;
        this.metrics = new MeshMetrics(devices::gauges, stream::clients);
        subscriptions.add(bus.subscribe(tasks));
        subscriptions.add(bus.subscribe(devices));
        subscriptions.add(bus.subscribe(metrics));
        subscriptions.add(bus.subscribe(stream));
    }

    private java.security.KeyStore https;
    private char[] httpsPassword;

    /**
     * Serves HTTPS (TLS 1.3 only) with the key and certificate in {@code keyStore} instead of plain
     * HTTP; call before {@link #start}. {@code meshbench serve --mesh DIR} gives a certificate the mesh's
     * CA issued, which clients that trust the mesh ({@code DIR/ca.crt}) accept.
     */
    public MeshService withHttps(java.security.KeyStore keyStore, char[] password) {
        if (app != null) {
            throw new IllegalStateException("HTTPS is set before the service starts");
        }
        this.https = keyStore;
        this.httpsPassword = password.clone();
        return this;
    }

    /** Starts serving {@code mesh} (whose events must go to this service's bus); returns once it listens. */
    public MeshService start(MeshSession mesh) {
        if (mesh.bus() != bus) {
            throw new IllegalArgumentException("the mesh publishes to another event bus than this service reads");
        }
        // Half of what the simulated devices take together: auctions closing at once all pick the
        // same best device, and a mesh filled to the brim refuses tasks as busy.
        int inFlight = settings.maxInFlight() > 0 ? settings.maxInFlight()
                : mesh.localCapacity() > 0 ? Math.max(1, mesh.localCapacity() / 2) : 16;
        Prompts prompts = new Prompts(mesh, tasks, inFlight, settings.maxWaiting(), settings.answerTimeout());
        Access access = new Access(settings.token());
        ApiRoutes api = new ApiRoutes(mesh, tasks, devices, prompts, settings, access.required());
        ChatCompletions chat = new ChatCompletions(prompts, tasks);
        Map<String, byte[]> pages = pages();
        int maxBody = settings.maxBodyBytes();

        app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            // Jetty's virtual-thread pool (Javalin's default) runs at most 200 requests at once and
            // resets the connections beyond. A waiting prompt costs only a virtual thread: allow as
            // many as may wait, and the event streams beside them.
            VirtualThreadPool threads = new VirtualThreadPool();
            threads.setName("meshbench-http");
            threads.setMaxThreads(Math.max(1000, settings.maxWaiting() + 2 * inFlight + 256));
            config.jetty.threadPool = threads;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = maxBody;
            config.http.prefer405over404 = true;
            // Event streams must reach the client as they are written.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector;
                if (https == null) {
                    connector = new ServerConnector(server, new HttpConnectionFactory(http));
                } else {
                    org.eclipse.jetty.util.ssl.SslContextFactory.Server tls = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
                    tls.setKeyStore(https);
                    tls.setKeyStorePassword(new String(httpsPassword));
                    tls.setIncludeProtocols("TLSv1.3");
                    http.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer(false));
                    connector = new ServerConnector(server,
                            new org.eclipse.jetty.server.SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
                }
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                // A burst of clients connecting at once (the JDK's default backlog is 50).
                connector.setAcceptQueueSize(1024);
                // A chat completion may wait minutes for its answer without a byte on the wire.
                connector.setIdleTimeout(Duration.ofMinutes(10).toMillis());
                return connector;
            });

            config.routes.before(ctx -> {
                String path = ctx.path();
                if (path.startsWith("/api") || path.startsWith("/v1") || path.equals("/metrics")) {
                    access.check(ctx);
                }
                String length = ctx.header("Content-Length");
                if (length != null) {
                    try {
                        if (Long.parseLong(length.trim()) > maxBody) {
                            throw tooLarge(maxBody);
                        }
                    } catch (NumberFormatException e) {
                        throw new ApiError(400, "bad_request", "Content-Length is not a number: " + length, null);
                    }
                }
                ctx.header("X-Content-Type-Options", "nosniff");
            });

            pages.forEach((path, bytes) -> config.routes.get(path, ctx -> {
                ctx.contentType(contentType(path));
                ctx.header("Cache-Control", "no-cache");
                ctx.result(bytes);
            }));

            config.routes.get("/api/mesh", api::mesh);
            config.routes.get("/api/tasks", api::list);
            config.routes.post("/api/tasks", withBody(maxBody, api::submit));
            config.routes.get("/api/tasks/{id}", api::follow);
            config.routes.get("/api/devices", api::devices);
            config.routes.post("/api/devices", withBody(maxBody, api::addDevice));
            config.routes.post("/api/devices/{id}/kill", api::kill);
            config.routes.post("/api/devices/{id}/revive", api::revive);
            config.routes.delete("/api/devices/{id}", api::remove);
            config.routes.get("/api/strategy", api::strategy);
            config.routes.put("/api/strategy", withBody(maxBody, api::setStrategy));
            config.routes.post("/api/strategy", withBody(maxBody, api::setStrategy));
            config.routes.get("/api/events", ctx -> events(ctx, mesh));
            config.routes.get("/v1/models", chat::models);
            config.routes.post("/v1/chat/completions", withBody(maxBody, chat::complete));
            config.routes.get("/metrics", ctx -> {
                ctx.contentType(metrics.contentType());
                metrics.write(ctx.outputStream());
            });

            config.routes.exception(ApiError.class, (e, ctx) -> ServiceErrors.write(ctx, e));
            // The mesh's own refusals, in the API's words.
            config.routes.exception(MeshSession.UnknownDevice.class, (e, ctx) ->
                    ServiceErrors.write(ctx, ApiError.notFound(e.getMessage().replace("the list of devices", "GET /api/devices"))));
            config.routes.exception(MeshSession.Refused.class, (e, ctx) -> ServiceErrors.write(ctx, ApiError.conflict(e.getMessage())));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> ServiceErrors.write(ctx, switch (e.getStatus()) {
                case 413 -> tooLarge(maxBody);
                case 404 -> noSuchEndpoint(ctx);
                case 405 -> notAllowed(ctx);
                default -> new ApiError(e.getStatus(), "http_" + e.getStatus(), e.getMessage(), null);
            }));
            config.routes.exception(Exception.class, (e, ctx) -> {
                System.err.println("meshbench serve: " + ctx.method() + " " + ctx.path() + " failed: " + e);
                ServiceErrors.write(ctx, new ApiError(500, "internal_error", "the service failed on this request ("
                        + e.getClass().getSimpleName() + "); the mesh is unaffected", null));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    ServiceErrors.write(ctx, noSuchEndpoint(ctx));
                }
            });
            config.routes.error(405, ctx -> ServiceErrors.write(ctx, notAllowed(ctx)));
        });
        app.start();
        return this;
    }

    private void events(Context ctx, MeshSession mesh) throws IOException {
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        ObjectNode hello = Json.object();
        hello.put("event", "Hello");
        hello.put("orchestrator", mesh.orchestratorId());
        hello.put("time", System.currentTimeMillis() * 1_000_000L);
        try {
            stream.serve(ctx.res().getOutputStream(), Json.write(hello));
        } catch (IOException | UncheckedIOException e) {
            // The client went away.
        }
    }

    /** A handler that takes a JSON object body of at most {@code max} bytes. */
    private static Handler withBody(int max, BodyHandler handler) {
        return ctx -> {
            byte[] body;
            try (InputStream in = ctx.bodyInputStream()) {
                body = in.readNBytes(max + 1);
            }
            if (body.length > max) {
                throw tooLarge(max);
            }
            handler.handle(ctx, Json.parseObject(body));
        };
    }

    @FunctionalInterface
    private interface BodyHandler {
        void handle(Context ctx, ObjectNode body) throws Exception;
    }

    private static ApiError noSuchEndpoint(Context ctx) {
        return ApiError.notFound("no such endpoint: " + ctx.method() + " " + ctx.path() + "; see docs/serve.md for the API");
    }

    private static ApiError notAllowed(Context ctx) {
        return new ApiError(405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()
                + "; see docs/serve.md for the API", null);
    }

    private static ApiError tooLarge(int max) {
        return new ApiError(413, "body_too_large", "the request body is larger than " + max
                + " bytes; send less, or start serve with a larger --max-body", null);
    }

    private static Map<String, byte[]> pages() {
        Map<String, byte[]> pages = new java.util.HashMap<>();
        PAGES.forEach((path, file) -> {
            try (InputStream in = MeshService.class.getResourceAsStream("web/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("the page's " + file + " is missing from the jar");
                }
                pages.put(path, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return pages;
    }

    private static String contentType(String path) {
        if (path.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (path.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/html; charset=utf-8";
    }

    public int port() {
        return app.port();
    }

    /** The address to open, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            try {
                host = InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                host = "127.0.0.1";
            }
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (https == null ? "http://" : "https://") + host + ":" + port() + "/";
    }

    /** Tasks the API keeps (for tests of its bounds). */
    int tasksKept() {
        return tasks.size();
    }

    @Override
    public void close() {
        stream.close();
        if (app != null) {
            app.stop();
        }
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                // Removing a subscriber cannot fail.
            }
        }
    }
}
