package io.meshbench.bench.jmh;

import io.meshbench.bench.mesh.BenchMesh;
import io.meshbench.bench.mesh.MeshKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * One auction (broadcast of {@code BID_REQUEST} to the winner chosen) or one task (to the winner's
 * {@code RESULT}, from an SLM that answers at once), one at a time, with N peers, on each kind of mesh:
 * virtual time, loopback in one JVM, node processes, shell agents through netcat (the seed's way,
 * with and without its 500 ms CPU window), or the mesh of a peers file. Sampled, so the JSON holds
 * p50 and p99 as well as the mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoundTripBenchmark {

    @Param({"virtual", "loopback"})
    public String mesh;

    @Param({"3"})
    public int peers;

    private BenchMesh running;

    @Setup(Level.Trial)
    public void start() throws Exception {
        running = MeshKind.parse(mesh).open(peers);
    }

    @TearDown(Level.Trial)
    public void stop() {
        running.close();
    }

    @Benchmark
    public void auction() throws Exception {
        running.roundTrip(BenchMesh.Phase.AUCTION);
    }

    @Benchmark
    public void task() throws Exception {
        running.roundTrip(BenchMesh.Phase.TASK);
    }
}
