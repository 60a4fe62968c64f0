package io.meshbench.adb;

import io.meshbench.event.MeshEvent;
import io.meshbench.protocol.DecodedLine;
import io.meshbench.protocol.MessageDecoder;
import io.meshbench.protocol.ProtocolException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the phone agent's log ({@code mesh_<id>.log}) into {@link MeshEvent}s, so that a mesh of
 * phones shows in the same event stream as a simulated one. A line is
 * {@code TIMESTAMP<TAB>EVENT<TAB>FIELD...}, the timestamp in UTC with milliseconds:
 * <pre>
 * START        DEVICE_ID  port=P  pid=N  dir=D     NodeStarted
 * STOP         REASON                              NodeStopped
 * RECV         WIRE_LINE                           MessageReceived
 * SENT         PEER  WIRE_LINE                     MessageSent
 * SEND_FAILED  PEER  TYPE  REASON                  DeliveryFailed
 * TASK_START   TASK_ID  ORCHESTRATOR  use_npu=B    TaskStarted
 * TASK_DONE    TASK_ID  STATUS  MILLIS  REASON     TaskExecuted
 * REJECT       REASON  EXCERPT                     InputRejected
 * </pre>
 */
public final class AgentLog {

    private final MessageDecoder decoder = new MessageDecoder();

    /** One parsed line. */
    public record Line(long time, String event, List<String> fields) {
        public String field(int i) {
            return i < fields.size() ? fields.get(i) : "";
        }
    }

    /** The line's parts, or empty when it is not a log line (a partial line, other text). */
    public Optional<Line> parse(String text) {
        String[] parts = text.split("\t", -1);
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            Instant at = Instant.parse(parts[0]);
            long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            return Optional.of(new Line(nanos, parts[1], List.copyOf(Arrays.asList(parts).subList(2, parts.length))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The event a log line of {@code device} stands for, or empty for lines that are none. */
    public Optional<MeshEvent> toEvent(String device, String text) {
        return parse(text).flatMap(line -> toEvent(device, line));
    }

    private Optional<MeshEvent> toEvent(String device, Line l) {
        long t = l.time();
        return Optional.ofNullable(switch (l.event()) {
            case "START" -> new MeshEvent.NodeStarted(t, device, "shell-agent", l.field(1));
            case "STOP" -> new MeshEvent.NodeStopped(t, device);
            case "RECV" -> {
                Wire w = wire(l.field(0));
                yield new MeshEvent.MessageReceived(t, device, w.sender, w.type, w.taskId, l.field(0));
            }
            case "SENT" -> {
                Wire w = wire(l.field(1));
                yield new MeshEvent.MessageSent(t, device, l.field(0), w.type, w.taskId, l.field(1));
            }
            case "SEND_FAILED" -> new MeshEvent.DeliveryFailed(t, device, l.field(0), l.field(1), null, l.field(2));
            case "TASK_START" -> new MeshEvent.TaskStarted(t, device, l.field(0), l.field(1),
                    l.field(2).equals("use_npu=true"));
            case "TASK_DONE" -> new MeshEvent.TaskExecuted(t, device, l.field(0), agentStatus(l.field(1), l.field(3)),
                    l.field(3).isEmpty() ? null : l.field(3), -1, -1, nanos(l.field(2)));
            case "REJECT" -> new MeshEvent.InputRejected(t, device, "peer", l.field(0), l.field(1));
            default -> null;
        });
    }

    private record Wire(String type, String sender, String taskId) {
    }

    private Wire wire(String line) {
        try {
            DecodedLine decoded = decoder.decode(line);
            return new Wire(decoded.message().type().name(), decoded.message().sender(), decoded.message().taskId());
        } catch (ProtocolException e) {
            String[] parts = line.split("\\|", 3);
            return new Wire(parts[0], parts.length > 1 ? parts[1] : "", null);
        }
    }

    private static long nanos(String millis) {
        try {
            return Math.max(-1, Long.parseLong(millis) * 1_000_000L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The agent logs {@code completed} or {@code failed}, with "timed out" in a timeout's reason. */
    private static io.meshbench.plugin.api.SlmResult.Status agentStatus(String status, String reason) {
        if (status.equals("completed")) {
            return io.meshbench.plugin.api.SlmResult.Status.COMPLETED;
        }
        return reason.contains("timed out") ? io.meshbench.plugin.api.SlmResult.Status.TIMED_OUT
                : io.meshbench.plugin.api.SlmResult.Status.FAILED;
    }
}
