package io.meshbench.plugins.llama.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * llama.cpp's own programs ({@code llama-server}, {@code llama-completion}), built once by
 * {@code scripts/llama-cpp} into a cache outside the repository. {@code scripts/test} passes the
 * folder as {@code MESHBENCH_LLAMA_CPP_BIN}; without it the default cache folder is used. A missing
 * build is a test failure that says how to make it, never a skip.
 */
public final class LlamaCppTools {

    /** The node-llama-cpp release whose llama.cpp source bundle scripts/llama-cpp builds. */
    public static final String BUNDLE = "node-llama-cpp-3.21.1";

    private LlamaCppTools() {
    }

    public static Path bin() {
        String env = System.getenv("MESHBENCH_LLAMA_CPP_BIN");
        String prop = System.getProperty("meshbench.llama.cpp.bin");
        Path dir = prop != null ? Path.of(prop) : env != null ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "meshbench", "llama.cpp", BUNDLE, "bin");
        if (!Files.isExecutable(dir.resolve("llama-server")) || !Files.isExecutable(dir.resolve("llama-completion"))) {
            throw new IllegalStateException("llama.cpp's llama-server and llama-completion are not built in " + dir
                    + "; run scripts/setup (or scripts/llama-cpp) once, or set MESHBENCH_LLAMA_CPP_BIN to their folder");
        }
        return dir;
    }

    public static Path program(String name) {
        return bin().resolve(name);
    }

    /** A running llama-server on a free loopback port, serving {@code model} under the id {@code alias}. */
    public static final class Server implements AutoCloseable {
        public final int port;
        public final Process process;
        public final Path log;

        private Server(int port, Process process, Path log) {
            this.port = port;
            this.process = process;
            this.log = log;
        }

        /** The OpenAI API base, {@code http://127.0.0.1:PORT/v1}. */
        public String url() {
            return "http://127.0.0.1:" + port + "/v1";
        }

        public static Server start(Path model, String alias, Path logDir) throws IOException, InterruptedException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(program("llama-server").toString(),
                    "-m", model.toString(), "--alias", alias, "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "-c", "2048", "-t", "1", "--parallel", "2", "--no-webui"));
            Path log = logDir.resolve("llama-server-" + port + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Server server = new Server(port, process, log);
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("llama-server exited with " + process.exitValue() + ": "
                            + Files.readString(log));
                }
                try {
                    HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        return server;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(50);
            }
            server.close();
            throw new IllegalStateException("llama-server did not become healthy within 60 s: " + Files.readString(log));
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
