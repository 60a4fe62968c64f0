package io.meshbench.bench.jmh;

import io.meshbench.protocol.BidRequest;
import io.meshbench.protocol.BidResponse;
import io.meshbench.net.LineServer;
import io.meshbench.protocol.DecodedLine;
import io.meshbench.protocol.LineFramer;
import io.meshbench.protocol.Message;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.MessageEncoder;
import io.meshbench.protocol.ProtocolException;
import io.meshbench.protocol.TaskRequest;
import io.meshbench.protocol.TaskResult;
import io.meshbench.security.LineGate;
import io.meshbench.security.NodeSecurity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The wire codec on one core: one message of each type, encoded to its line and decoded back, as
 * the seed's examples look (a short prompt, a short output). Throughput in messages per second.
 *
 * <p>{@link #decode} is what a live node does with a message's bytes as they come off its socket:
 * the connection's {@link LineFramer} cuts them into a line, the {@link LineGate} admits it (a
 * plaintext node, {@code --insecure}), and the {@link MessageDecoder} makes it a typed message, as
 * {@code LineServer} and {@code LiveNode} chain them ({@link CodecStagesBenchmark} times the stages
 * apart).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

    @Param({"BID_REQUEST", "BID_RESPONSE", "TASK", "RESULT"})
    public String type;

    private final MessageEncoder encoder = new MessageEncoder();
    private final MessageDecoder decoder = new MessageDecoder();
    private final LineGate gate = new LineGate(NodeSecurity.insecure());
    private final LineServer.Origin origin = new LineServer.Origin("127.0.0.1:40000", null);
    private Message message;
    private String line;
    private byte[] bytes;
    private LineFramer framer;
    private DecodedLine decoded;

    @Setup
    public void setUp() {
        message = sample(type);
        line = encoder.encode(message);
        bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        framer = new LineFramer(LineFramer.DEFAULT_MAX_LINE_BYTES, new LineFramer.Sink() {
            @Override
            public void onLine(String received) {
                decoded = admitAndDecode(received, new LineServer.Origin(origin.remote(), origin.identity()));
            }

            @Override
            public void onError(String reason, String excerpt) {
                throw new IllegalStateException("the framer refused a benchmark line: " + reason + ": " + excerpt);
            }
        });
    }

    /** What LiveNode does with a line LineServer hands it: the gate, then the decoder. */
    private DecodedLine admitAndDecode(String received, LineServer.Origin from) {
        if (!(gate.admit(received, from.identity(), System.currentTimeMillis() / 1000)
                instanceof LineGate.Admitted admitted)) {
            throw new IllegalStateException("the gate refused a benchmark line: " + received);
        }
        try {
            return decoder.decode(admitted.line());
        } catch (ProtocolException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
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

    /** One message's bytes as a socket delivers them, through framing and the gate to the typed message. */
    @Benchmark
    public Message decode() {
        framer.feed(bytes, 0, bytes.length);
        return decoded.message();
    }

}
