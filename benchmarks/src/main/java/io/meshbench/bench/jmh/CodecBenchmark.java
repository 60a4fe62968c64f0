package io.meshbench.bench.jmh;

import io.meshbench.protocol.BidRequest;
import io.meshbench.protocol.BidResponse;
import io.meshbench.protocol.DecodedLine;
import io.meshbench.protocol.Message;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.MessageEncoder;
import io.meshbench.protocol.ProtocolException;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The wire codec on one core: one message of each type, encoded to its line and decoded back, as
 * the seed's examples look (a short prompt, a short output). Throughput in messages per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

    @Param({"BID_REQUEST", "BID_RESPONSE", "TASK", "RESULT"})
    public String type;

    private final MessageEncoder encoder = new MessageEncoder();
    private final MessageDecoder decoder = new MessageDecoder();
    private Message message;
    private String line;

    @Setup
    public void setUp() {
        message = sample(type);
        line = encoder.encode(message);
    }

    /** The seed's own example of each message type. */
    public static Message sample(String type) {
        return switch (type) {
            case "BID_REQUEST" -> new BidRequest("Device_A", "task_123", BidRequest.SLM_INFERENCE,
                    "Describe a beautiful sunset over the ocean", 10);
            case "BID_RESPONSE" -> new BidResponse("Device_B", "task_123", "Device_B", OptionalDouble.of(0.452),
                    OptionalDouble.of(0.60), OptionalInt.of(85), true);
            case "TASK" -> new TaskRequest("Device_A", "task_123",
                    "[NPU Optimized] Describe a beautiful sunset over the ocean", true, TaskRequest.NPU_PROMPT);
            case "RESULT" -> new TaskResult("Device_B", "task_123", "Device_B", "completed",
                    "The sun sinks slowly, amber and gold, into a calm silver sea.");
            default -> throw new IllegalArgumentException("unknown message type " + type
                    + ": expected BID_REQUEST, BID_RESPONSE, TASK or RESULT");
        };
    }

    @Benchmark
    public String encode() {
        return encoder.encode(message);
    }

    @Benchmark
    public DecodedLine decode() throws ProtocolException {
        return decoder.decode(line);
    }
}
