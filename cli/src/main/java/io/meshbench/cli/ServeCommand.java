package io.meshbench.cli;

import io.meshbench.auction.Orchestrator;
import io.meshbench.event.EventBus;
import io.meshbench.net.PeerDirectory;
import io.meshbench.plugin.PluginRegistry;
import io.meshbench.live.MeshSession;
import io.meshbench.service.MeshService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code meshbench serve}: the mesh as a service: web dashboard, JSON API, OpenAI API, metrics. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs an orchestrator (the demo's simulated mesh, or --peers FILE --id ID for a real one) and "
                + "serves it over HTTP: the web dashboard, a JSON API with a live event stream, OpenAI's "
                + "/v1/chat/completions and /v1/models, and Prometheus /metrics (see docs/serve.md).",
                "Listens on loopback unless --host says otherwise; then a bearer token is required (generated and "
                        + "printed unless --token gives one)."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); 0.0.0.0 for every interface, which needs a token.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Require this bearer token (at least 16 characters), also on loopback. Default: none on loopback, a generated one elsewhere.")
    String token;

    @Option(names = "--peers", paramLabel = "FILE",
            description = "Attach to the mesh this peers file lists, as orchestrator --id, instead of simulating the demo's devices.")
    Path peers;

    @Option(names = "--mesh", paramLabel = "DIR",
            description = "With --peers: the mesh folder (meshbench mesh init) whose keys the orchestrator uses: TLS 1.3 to "
                    + "Java nodes, HMAC to phones' agents; the service is then HTTPS, with a certificate the mesh's CA "
                    + "issues (clients trust DIR/ca.crt). Without it an attached mesh is plaintext, and the banner says so. "
                    + "The simulated mesh makes a mesh of its own.")
    Path meshDir;

    @Option(names = "--id", paramLabel = "ID", defaultValue = "Device_A",
            description = "The orchestrator's device id (default: ${DEFAULT-VALUE}); with --peers, its line gives the port to listen on.")
    String id;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "0",
            description = "Simulated devices to add to the demo's two (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--slm-speed", paramLabel = "FACTOR", defaultValue = "1",
            description = "Factor on the simulated model's token rates (default: ${DEFAULT-VALUE}, a phone's pace).")
    double slmSpeed;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "npu-first",
            description = "Selection strategy at start (default: ${DEFAULT-VALUE}); the page and PUT /api/strategy switch it.")
    String strategy;

    @Option(names = "--bid-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for bids when not every peer answers (default: ${DEFAULT-VALUE}).")
    double bidTimeout;

    @Option(names = "--result-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the winner's RESULT (default: ${DEFAULT-VALUE}).")
    double resultTimeout;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "262144",
            description = "Largest request body taken (default: ${DEFAULT-VALUE}); larger ones get 413.")
    int maxBody;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "0",
            description = "Prompts in the mesh at once; more wait their turn (default: half of what the simulated devices take together, 16 for --peers).")
    int maxInFlight;

    @Mixin
    RecordOptions recording;

    @Mixin
    PluginOptions pluginOptions;

    @Override
    public Integer call() throws Exception {
        if (devices < 0 || devices > 1000) {
            throw new IllegalArgumentException("--devices must be 0 to 1000, got " + devices);
        }
        if (meshDir != null && peers == null) {
            throw new IllegalArgumentException("--mesh goes with --peers; the simulated mesh makes its own");
        }
        if (peers != null && devices > 0) {
            throw new IllegalArgumentException("--devices adds simulated devices; it cannot be used with --peers");
        }
        if (!(slmSpeed > 0) || !Double.isFinite(slmSpeed)) {
            throw new IllegalArgumentException("--slm-speed must be above 0, got " + slmSpeed);
        }
        boolean generated = token == null && !MeshService.loopback(host);
        String required = generated ? MeshService.newToken() : token;
        Duration bids = seconds("--bid-timeout", bidTimeout);
        Duration result = seconds("--result-timeout", resultTimeout);
        MeshService.Settings settings = new MeshService.Settings(host, port, required, maxBody, maxInFlight, 10_000,
                bids.plus(result).plusSeconds(30));
        PluginRegistry plugins = pluginOptions.registry(System.err);
        // Failover on, as every command's orchestrator: heartbeats feed the page's device health, and a dead
        // winner's task moves on within seconds.
        Orchestrator orchestrator = new Orchestrator(new Orchestrator.Settings(bids, result).withFailover(
                Orchestrator.Settings.DEFAULT.liveness(), Orchestrator.Settings.DEFAULT.retry()), plugins.strategy(strategy));
        EventBus bus = new EventBus();
        io.meshbench.security.Mesh secured = meshDir == null ? null : io.meshbench.security.MeshFiles.read(meshDir);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (AutoCloseable recorded = recording.start(bus, "serve", Map.of("strategy", strategy));
             MeshService service = new MeshService(bus, settings);
             MeshSession mesh = peers == null
                     ? MeshSession.demo(bus, plugins, devices, slmSpeed, id, orchestrator)
                     : MeshSession.attached(bus, plugins, PeerDirectory.read(peers), peers.toString(), id, orchestrator,
                             secured == null ? io.meshbench.security.NodeSecurity.insecure()
                                     : io.meshbench.security.NodeSecurity.of(secured, id))) {
            if (secured != null) { // a secure mesh is served over HTTPS, with a certificate its CA issues now
                char[] password = MeshService.newToken().toCharArray();
                service.withHttps(secured.httpsIdentity(host, password), password);
            }
            try {
                service.start(mesh);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot listen on " + host + ":" + port + " (" + rootCause(e)
                        + "); pick another with --port (0 for any free one)", e);
            }
            banner(System.out, service, mesh, required, generated);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    closed.await(5, java.util.concurrent.TimeUnit.SECONDS); // let the nodes and the server close
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            stopped.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private void banner(PrintStream out, MeshService service, MeshSession mesh, String required, boolean generated) {
        String url = service.url();
        out.println("MeshBench serving the " + mesh.description() + " (orchestrator " + mesh.orchestratorId()
                + ", strategy " + mesh.strategyName() + ")");
        out.println("  Dashboard:  " + url + (required == null ? "" : "#token=" + required));
        out.println("  JSON API:   " + url + "api/tasks   (docs/serve.md)");
        out.println("  OpenAI API: " + url + "v1   (model \"meshbench\")");
        out.println("  Metrics:    " + url + "metrics");
        if (required != null) {
            out.println("  Token:      " + required + (generated ? "   (generated; " : "   (")
                    + "send \"Authorization: Bearer TOKEN\")");
        }
        out.println("Ctrl-C stops.");
        out.flush();
    }

    private static String rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static Duration seconds(String option, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(option + " must be a positive number of seconds, got " + value);
        }
        return Duration.ofNanos((long) (value * 1e9));
    }
}
