package io.meshbench.plugin;

import io.meshbench.plugin.api.PluginContext;
import io.meshbench.testing.PluginJarBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Sources of good and broken plugins, built into real jars, shared by the loader and check tests. */
final class TestPlugins {

    private TestPlugins() {
    }

    static Path goodStrategy(Path dir) throws IOException {
        return new PluginJarBuilder().version("2.1.0").source("p.MostBattery", PluginJarBuilder.strategy("MostBattery",
                        "most-battery", """
                                List<Bid> r = new ArrayList<>(bids);
                                r.sort(Comparator.comparingInt((Bid b) -> -b.battery().orElse(-1)).thenComparing(Bid.LEAST_LOADED));
                                return new Selection(r, "Fullest Battery", r.get(0).deviceId() + " has the fullest battery");"""))
                .service("SelectionStrategy", "p.MostBattery").build(dir.resolve("most-battery.jar"));
    }

    static Path goodMetrics(Path dir) throws IOException {
        return new PluginJarBuilder().version("1.0.0").source("p.Fixed", """
                        package p;
                        import io.meshbench.plugin.api.*;
                        public class Fixed implements MetricSourceProvider {
                            public String name() { return "fixed-load"; }
                            public String description() { return "always 30% CPU"; }
                            public MetricSource create(PluginContext c) {
                                double cpu = c.number("cpu", 0.3);
                                return () -> MetricSample.of(cpu, 0.4, 50);
                            }
                        }""").service("MetricSourceProvider", "p.Fixed").build(dir.resolve("fixed-load.jar"));
    }

    /** An engine that answers on the host's scheduler after {@code ms} and honours cancel and timeout. */
    static Path goodEngine(Path dir) throws IOException {
        return new PluginJarBuilder().version("0.3.0").source("p.Upper", """
                        package p;
                        import io.meshbench.plugin.api.*;
                        import java.time.Duration;
                        public class Upper implements SlmEngineProvider {
                            public String name() { return "upper"; }
                            public SlmEngine create(PluginContext c) {
                                long ms = (long) c.number("ms", 20);
                                return (request, listener) -> {
                                    boolean[] done = {false};
                                    Object lock = new Object();
                                    Runnable[] end = new Runnable[1];
                                    PluginContext.Cancellable answer = c.schedule(Duration.ofMillis(ms), () -> {
                                        synchronized (lock) { if (done[0]) return; done[0] = true; }
                                        String out = "UPPER " + request.prompt().toUpperCase();
                                        listener.onOutput(out);
                                        listener.onComplete(SlmResult.completed(out, 1, 2, Duration.ofMillis(ms)));
                                    });
                                    PluginContext.Cancellable timeout = c.schedule(request.timeout(), () -> {
                                        synchronized (lock) { if (done[0]) return; done[0] = true; }
                                        answer.cancel();
                                        listener.onComplete(SlmResult.failed(SlmResult.Status.TIMED_OUT, "timeout", "", request.timeout()));
                                    });
                                    return () -> {
                                        synchronized (lock) { if (done[0]) return; done[0] = true; }
                                        answer.cancel();
                                        timeout.cancel();
                                        listener.onComplete(SlmResult.failed(SlmResult.Status.CANCELLED, "cancelled", "", Duration.ZERO));
                                    };
                                };
                            }
                        }""").service("SlmEngineProvider", "p.Upper").build(dir.resolve("upper.jar"));
    }

    static Path metricsReturning(Path dir, String name, String sample) throws IOException {
        String cls = "M" + Integer.toHexString(name.hashCode() & 0xfffffff);
        return new PluginJarBuilder().source("p." + cls, """
                        package p;
                        import io.meshbench.plugin.api.*;
                        import java.util.*;
                        public class %s implements MetricSourceProvider {
                            public String name() { return "%s"; }
                            public MetricSource create(PluginContext c) { return () -> %s; }
                        }""".formatted(cls, name, sample)).service("MetricSourceProvider", "p." + cls)
                .build(dir.resolve(name + ".jar"));
    }

    static Path strategyDoing(Path dir, String name, String body) throws IOException {
        String cls = "S" + Integer.toHexString(name.hashCode() & 0xfffffff);
        return new PluginJarBuilder().source("p." + cls, PluginJarBuilder.strategy(cls, name, body))
                .service("SelectionStrategy", "p." + cls).build(dir.resolve(name + ".jar"));
    }

    static Path corrupt(Path dir) throws IOException {
        return Files.writeString(dir.resolve("corrupt.jar"), "this is not a zip file at all");
    }

    static Path noProvider(Path dir) throws IOException {
        return new PluginJarBuilder().source("p.Lonely", "package p; public class Lonely {}").build(dir.resolve("no-provider.jar"));
    }

    static Path constructorThrows(Path dir) throws IOException {
        return new PluginJarBuilder().source("p.Boom", """
                        package p;
                        import io.meshbench.plugin.api.*;
                        import java.util.*;
                        public class Boom implements SelectionStrategy {
                            public Boom() { throw new IllegalStateException("boom in the constructor"); }
                            public String name() { return "boom"; }
                            public Selection select(List<Bid> bids) { return null; }
                        }""").service("SelectionStrategy", "p.Boom").build(dir.resolve("boom.jar"));
    }

    static Path missingClass(Path dir) throws IOException {
        return new PluginJarBuilder().service("SlmEngineProvider", "p.NotThere").build(dir.resolve("missing-class.jar"));
    }

    /** A context with a real scheduler-free clock, for creating plugins in tests that do not schedule. */
    static PluginContext context(Map<String, Object> config) {
        return new PluginContext() {
            private final RandomGenerator random = new SplittableRandom(1);

            public String deviceId() {
                return "Test_Device";
            }

            public Map<String, Object> config() {
                return config;
            }

            public long nowNanos() {
                return System.nanoTime();
            }

            public Cancellable schedule(Duration delay, Runnable action) {
                throw new UnsupportedOperationException("no scheduler in this test");
            }

            public System.Logger logger() {
                return System.getLogger("test");
            }

            public RandomGenerator random() {
                return random;
            }
        };
    }
}
