package io.meshbench.bench.jmh;

import io.meshbench.protocol.DecodedLine;
import io.meshbench.protocol.LineFramer;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.MessageEncoder;
import io.meshbench.protocol.ProtocolException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The stages of {@link CodecBenchmark#decode} apart, to see where its time goes: the framer alone
 * (bytes to the line's string) and the decoder alone (the string to the typed message). Not part
 * of a suite; run it by hand when working on the codec.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecStagesBenchmark {

    @Param({"BID_REQUEST", "BID_RESPONSE", "TASK", "RESULT"})
    public String type;

    private final MessageDecoder decoder = new MessageDecoder();
    private String line;
    private byte[] bytes;
    private LineFramer framer;
    private String framed;

    @Setup
    public void setUp() {
        line = new MessageEncoder().encode(CodecBenchmark.sample(type));
        bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        framer = new LineFramer(LineFramer.DEFAULT_MAX_LINE_BYTES, new LineFramer.Sink() {
            @Override
            public void onLine(String received) {
                framed = received;
            }

            @Override
            public void onError(String reason, String excerpt) {
                throw new IllegalStateException("the framer refused a benchmark line: " + reason);
            }
        });
    }

    /** Bytes to the line's string: the framer alone. */
    @Benchmark
    public String frame() {
        framer.feed(bytes, 0, bytes.length);
        return framed;
    }

    /** The line's string to the typed message: the decoder alone. */
    @Benchmark
    public DecodedLine decodeLine() throws ProtocolException {
        return decoder.decode(line);
    }
}
