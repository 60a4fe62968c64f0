package io.meshbench.security;

import io.meshbench.protocol.LineFramer;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.ProtocolException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random bytes through the whole inbound path (framer, gate, decoder): the only failure is the
 * protocol's own error, and the memory held for a line never passes the cap.
 */
class DecoderFuzzProperties {

    private static final int CAP = 1024;
    private static final NodeSecurity SECURE = NodeSecurity.of(
            Mesh.create("f", List.of("Device_A"), List.of("Device_B")), "Device_A");

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(4000);
        // near-misses are likelier to reach deep into the decoder than uniform noise
        Arbitrary<byte[]> nearMiss = Arbitraries.of(
                "BID_REQUEST|Device_A|{\"task_id\": \"t\", \"task_type\": \"x\", \"prompt\": \"p\", \"deadline\": 10}\n",
                "BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"cpu_load\": 0.5, \"ram_load\": 0.5, \"battery\": 50, \"has_npu\": true}\n",
                "TASK|Device_A|{\"task_id\": \"t\", \"prompt\": \"p\", \"use_npu\": true, \"prompt_type\": \"npu_prompt\"}\n",
                "MB1|1800000000|0123456789abcdef|" + "a".repeat(64) + "|RESULT|Device_B|{}\n")
                .flatMap(line -> Arbitraries.integers().between(0, line.length() - 1).list().ofMaxSize(6).map(cuts -> {
                    byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    for (int c : cuts) {
                        b[c % b.length] = (byte) (b[c % b.length] * 31 + 7);
                    }
                    return b;
                }));
        return Arbitraries.oneOf(random, nearMiss);
    }

    @Property(tries = 1000)
    void randomBytesRaiseOnlyTheProtocolsOwnError(@ForAll("streams") byte[] bytes, @ForAll boolean secure) {
        MessageDecoder decoder = new MessageDecoder();
        LineGate gate = new LineGate(secure ? SECURE : NodeSecurity.insecure());
        List<String> outcomes = new ArrayList<>();
        LineFramer framer = new LineFramer(CAP, new LineFramer.Sink() {
            @Override
            public void onLine(String line) {
                switch (gate.admit(line, null, 1_800_000_000L)) {
                    case LineGate.Refused r -> outcomes.add("refused");
                    case LineGate.Admitted a -> {
                        try {
                            decoder.decode(a.line());
                            outcomes.add("decoded");
                        } catch (ProtocolException e) {
                            outcomes.add("rejected");
                        }
                    }
                }
            }

            @Override
            public void onError(String reason, String excerpt) {
                outcomes.add("framing");
            }
        });
        // fed in uneven pieces, as a socket delivers them
        for (int i = 0; i < bytes.length; ) {
            int n = Math.min(bytes.length - i, 1 + (i * 7) % 97);
            framer.feed(bytes, i, n);
            assertTrue(framer.pendingBytes() <= CAP, "held " + framer.pendingBytes() + " bytes");
            i += n;
        }
        framer.endOfStream();
        assertTrue(outcomes.stream().allMatch(o -> !secure || !o.equals("decoded")),
                "a secure node decoded an unauthenticated line: " + outcomes);
    }
}
