package io.meshbench.plugin.scaffold;

import io.meshbench.plugin.PluginKind;

/** The text of a new plugin project; {@code @NAME@}-style placeholders are filled in. */
final class Templates {

    private final String name;
    private final String pkg;
    private final String className;
    private final String apiVersion;

    Templates(String name, String pkg, String className, String apiVersion) {
        this.name = name;
        this.pkg = pkg;
        this.className = className;
        this.apiVersion = apiVersion;
    }

    private String fill(String text) {
        return text.replace("@NAME@", name).replace("@PACKAGE@", pkg).replace("@CLASS@", className)
                .replace("@API_VERSION@", apiVersion);
    }

    String pom() {
        return fill("""
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example.meshbench</groupId>
                  <artifactId>@NAME@</artifactId>
                  <version>1.0.0</version>
                  <description>A MeshBench plugin.</description>

                  <properties>
                    <maven.compiler.release>21</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>

                  <dependencies>
                    <!-- The plugin API is all a plugin compiles against; MeshBench provides it at run time. -->
                    <dependency>
                      <groupId>io.meshbench</groupId>
                      <artifactId>meshbench-plugin-api</artifactId>
                      <version>@API_VERSION@</version>
                      <scope>provided</scope>
                    </dependency>
                  </dependencies>

                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.0</version>
                      </plugin>
                      <plugin>
                        <!-- Writes Implementation-Version into the manifest: meshbench plugins shows it. -->
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-jar-plugin</artifactId>
                        <version>3.4.2</version>
                        <configuration>
                          <archive>
                            <manifest>
                              <addDefaultImplementationEntries>true</addDefaultImplementationEntries>
                            </manifest>
                          </archive>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """);
    }

    String source(PluginKind kind) {
        return fill(switch (kind) {
            case STRATEGY -> """
                    package @PACKAGE@;

                    import io.meshbench.plugin.api.Bid;
                    import io.meshbench.plugin.api.Selection;
                    import io.meshbench.plugin.api.SelectionStrategy;

                    import java.util.ArrayList;
                    import java.util.Comparator;
                    import java.util.List;

                    /**
                     * The "@NAME@" selection strategy: the bidder with the fullest battery wins; ties go to the
                     * least loaded (Bid.LEAST_LOADED), so the same bids always give the same ranking.
                     * Change select() to your rule; keep it deterministic and rank every bid.
                     */
                    public final class @CLASS@ implements SelectionStrategy {

                        @Override
                        public String name() {
                            return "@NAME@";
                        }

                        @Override
                        public String title() {
                            return "@CLASS@";
                        }

                        @Override
                        public String description() {
                            return "The bidder with the fullest battery wins.";
                        }

                        @Override
                        public Selection select(List<Bid> bids) {
                            List<Bid> ranking = new ArrayList<>(bids);
                            // An unknown battery (-1) ranks last.
                            ranking.sort(Comparator.comparingInt((Bid b) -> -b.battery().orElse(-1)).thenComparing(Bid.LEAST_LOADED));
                            Bid winner = ranking.get(0);
                            String battery = winner.battery().isPresent() ? winner.battery().getAsInt() + "%" : "unknown";
                            return new Selection(ranking, "Fullest Battery",
                                    winner.deviceId() + " has the fullest battery (" + battery + ") of " + bids.size() + " bidders");
                        }
                    }
                    """;
            case METRICS -> """
                    package @PACKAGE@;

                    import io.meshbench.plugin.api.MetricSample;
                    import io.meshbench.plugin.api.MetricSource;
                    import io.meshbench.plugin.api.MetricSourceProvider;
                    import io.meshbench.plugin.api.PluginContext;

                    import java.lang.management.ManagementFactory;
                    import java.util.OptionalDouble;
                    import java.util.OptionalInt;

                    /**
                     * The "@NAME@" metric source: CPU load from the system load average over one minute, divided
                     * by the number of cores. RAM and battery are reported unknown: a source never invents a value.
                     * Setting (optional): "scale", a factor on the load (default 1).
                     */
                    public final class @CLASS@ implements MetricSourceProvider {

                        @Override
                        public String name() {
                            return "@NAME@";
                        }

                        @Override
                        public String description() {
                            return "CPU load from the one-minute load average.";
                        }

                        @Override
                        public MetricSource create(PluginContext context) {
                            double scale = context.number("scale", 1.0);
                            if (!(scale > 0)) {
                                throw new IllegalArgumentException("scale must be above 0, got " + scale);
                            }
                            var os = ManagementFactory.getOperatingSystemMXBean();
                            return () -> {
                                double average = os.getSystemLoadAverage(); // negative where the system cannot tell
                                OptionalDouble cpu = average < 0 ? OptionalDouble.empty()
                                        : OptionalDouble.of(Math.min(1.0, scale * average / os.getAvailableProcessors()));
                                return new MetricSample(cpu, OptionalDouble.empty(), OptionalInt.empty());
                            };
                        }
                    }
                    """;
            case SLM -> """
                    package @PACKAGE@;

                    import io.meshbench.plugin.api.PluginContext;
                    import io.meshbench.plugin.api.SlmEngine;
                    import io.meshbench.plugin.api.SlmEngineProvider;
                    import io.meshbench.plugin.api.SlmRequest;
                    import io.meshbench.plugin.api.SlmResult;

                    import java.time.Duration;

                    /**
                     * The "@NAME@" SLM engine: answers with the prompt's words in reverse order, one word every
                     * "ms_per_token" milliseconds (default 20), streamed. It shows the contract every engine keeps:
                     * work on the host's scheduler, end each run exactly once, honour cancel and the timeout.
                     * Replace the words with a call to your model.
                     */
                    public final class @CLASS@ implements SlmEngineProvider {

                        @Override
                        public String name() {
                            return "@NAME@";
                        }

                        @Override
                        public String description() {
                            return "Echoes the prompt's words in reverse, one token at a time.";
                        }

                        @Override
                        public SlmEngine create(PluginContext context) {
                            double ms = context.number("ms_per_token", 20);
                            if (!(ms >= 0)) {
                                throw new IllegalArgumentException("ms_per_token must be 0 or more, got " + ms);
                            }
                            return (request, listener) -> new EchoRun(context, request, listener, Duration.ofNanos((long) (ms * 1e6)));
                        }

                        /** One run: a chain of scheduled steps, one word each. */
                        private static final class EchoRun implements SlmEngine.Run {
                            private final PluginContext context;
                            private final SlmEngine.Listener listener;
                            private final String[] words;
                            private final Duration step;
                            private final long started;
                            private final StringBuilder output = new StringBuilder();
                            private final PluginContext.Cancellable timeout;
                            private PluginContext.Cancellable next;
                            private int index;
                            private boolean ended;

                            EchoRun(PluginContext context, SlmRequest request, SlmEngine.Listener listener, Duration step) {
                                this.context = context;
                                this.listener = listener;
                                this.words = request.prompt().strip().split("\\\\s+");
                                this.step = step;
                                this.started = context.nowNanos();
                                synchronized (this) {
                                    this.timeout = context.schedule(request.timeout(), () -> end(SlmResult.Status.TIMED_OUT, "over the timeout"));
                                    this.next = context.schedule(step, this::emit);
                                }
                            }

                            private synchronized void emit() {
                                if (ended) {
                                    return;
                                }
                                if (index == words.length) {
                                    ended = true;
                                    timeout.cancel();
                                    listener.onComplete(SlmResult.completed(output.toString(), words.length, words.length, elapsed()));
                                    return;
                                }
                                String word = (index == 0 ? "" : " ") + words[words.length - 1 - index++];
                                output.append(word);
                                listener.onOutput(word);
                                next = context.schedule(step, this::emit);
                            }

                            @Override
                            public void cancel() {
                                end(SlmResult.Status.CANCELLED, "cancelled");
                            }

                            private synchronized void end(SlmResult.Status status, String why) {
                                if (ended) {
                                    return; // a run ends exactly once
                                }
                                ended = true;
                                timeout.cancel();
                                next.cancel();
                                listener.onComplete(SlmResult.failed(status, why, output.toString(), elapsed()));
                            }

                            private Duration elapsed() {
                                return Duration.ofNanos(context.nowNanos() - started);
                            }
                        }
                    }
                    """;
        });
    }

    String readme(PluginKind kind) {
        String use = switch (kind) {
            case STRATEGY -> "./meshbench demo --strategy @NAME@";
            case METRICS -> "a device_config.json with \"metrics\": \"@NAME@\", then ./meshbench node --config device_config.json ...";
            case SLM -> "a device_config.json with \"slm\": \"@NAME@\", then ./meshbench node --config device_config.json ...";
        };
        return fill("""
                # @NAME@: a MeshBench %s plugin

                `src/main/java/%s/@CLASS@.java` is the plugin;
                `src/main/resources/%s` registers it (one class name a line).
                It compiles against `meshbench-plugin-api` alone.

                ## Build, check, use

                The plugin API must be in your local Maven repository once. `meshbench plugin new` installs it
                when it can; if Maven says it cannot find `io.meshbench:meshbench-plugin-api:@API_VERSION@`,
                run this in the MeshBench folder:

                    mvn -q install -pl plugins/api -am

                Then, here:

                    mvn -q package
                    <meshbench>/meshbench plugin check target/@NAME@-1.0.0.jar
                    mkdir -p ~/.meshbench/plugins && cp target/@NAME@-1.0.0.jar ~/.meshbench/plugins/
                    <meshbench>/meshbench plugins

                and use it: %s
                (or keep the jar in any folder and give it with `--plugins DIR`).
                """.formatted(kind.title(), pkg.replace('.', '/'), kind.serviceFile(), use));
    }
}
