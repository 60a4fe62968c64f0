package io.meshbench.app.sequence;

import io.meshbench.live.MeshSession;
import io.meshbench.app.AuctionEvents;
import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sequence chart's model, without the toolkit. */
class SequenceControllerTest {

    private static final List<MeshSession.Device> SEED = List.of(new MeshSession.Device("Device_A", null, true, true),
            new MeshSession.Device("Device_B", true, false, true), new MeshSession.Device("Device_C", false, false, true));

    @Test
    void oneArrowPerMessageWithItsSendAndReceiptTimes() {
        SequenceController sequence = new SequenceController(SEED);
        sequence.onEvents(AuctionEvents.won("task_1_0000abcd", 0));
        List<Arrow> arrows = sequence.visibleArrows();
        assertEquals(List.of("BID_REQUEST", "BID_REQUEST", "BID_RESPONSE", "BID_RESPONSE", "TASK", "RESULT"),
                arrows.stream().map(Arrow::type).toList());
        Arrow result = arrows.get(5);
        assertEquals("Device_B", result.from());
        assertEquals("Device_A", result.to());
        assertEquals(2_000_000L, result.received() - result.sent());
        assertEquals(List.of("Device_A", "Device_B", "Device_C"), sequence.lifelines());
    }

    @Test
    void clickingAnArrowShowsItsWireLineAndDecodedFields() {
        SequenceController sequence = new SequenceController(SEED);
        sequence.onEvents(AuctionEvents.won("task_1_0000abcd", 0));
        String detail = sequence.describe(sequence.visibleArrows().get(2));
        assertTrue(detail.contains("wire: BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\""), detail);
        assertTrue(detail.contains("decoded: "), detail);
        assertTrue(detail.contains("Device_B → Device_A"), detail);
    }

    @Test
    void filtersByTypeDeviceAndTask() {
        SequenceController sequence = new SequenceController(SEED);
        sequence.onEvents(AuctionEvents.won("task_1_aaaaaaaa", 0));
        sequence.onEvents(AuctionEvents.won("task_2_bbbbbbbb", 1_000_000_000L));
        assertEquals(12, sequence.visibleArrows().size());
        sequence.showTask("task_2_bbbbbbbb");
        assertEquals(6, sequence.visibleArrows().size());
        SequenceModel model = modelOf(sequence);
        model.typeFilter.set("TASK");
        assertEquals(1, sequence.visibleArrows().size());
        model.typeFilter.set(SequenceModel.ALL);
        model.deviceFilter.set("Device_C");
        assertEquals(2, sequence.visibleArrows().size(), "the bid request to C and C's bid");
    }

    @Test
    void historyIsCapped() {
        SequenceController sequence = new SequenceController(SEED);
        for (int i = 0; i < SequenceModel.MAX_ARROWS / 6 + 10; i++) {
            sequence.onEvents(AuctionEvents.won("task_" + i, i * 1_000_000_000L));
        }
        assertEquals(SequenceModel.MAX_ARROWS, sequence.visibleArrows().size());
    }

    @Test
    void anUndeliveredMessageIsAFailedArrow() {
        SequenceController sequence = new SequenceController(SEED);
        sequence.onEvents(List.of(new MeshEvent.DeliveryFailed(1, "Device_A", "Device_C", "BID_REQUEST", "task_1",
                "connection refused")));
        Arrow arrow = sequence.visibleArrows().get(0);
        assertTrue(arrow.failed());
        assertTrue(sequence.describe(arrow).contains("not delivered: connection refused"));
    }

    @Test
    void aRejectedLineIsARedMarkWithItsReason() {
        SequenceController sequence = new SequenceController(SEED);
        sequence.onEvents(List.of(new MeshEvent.InputRejected(1, "Device_B", "127.0.0.2:40000",
                "HMAC check failed", "RESULT|Device_B|{...}")));
        Arrow arrow = sequence.visibleArrows().get(0);
        assertTrue(arrow.failed(), "drawn in the error colour");
        assertEquals("Device_B", arrow.from());
        assertEquals("Device_B", arrow.to());
        String detail = sequence.describe(arrow);
        assertTrue(detail.contains("rejected: HMAC check failed") && detail.contains("127.0.0.2:40000"), detail);
    }

    @Test
    void aSendReportedAfterItsReceiptCompletesTheSameArrow() {
        // a phone's log (over adb) tells of its bid after the laptop orchestrator has received it
        SequenceController sequence = new SequenceController(SEED);
        String bid = "BID_RESPONSE|Device_B|{\"device_id\": \"Device_B\", \"cpu_load\": 0.45, \"ram_load\": 0.6, "
                + "\"battery\": 85, \"has_npu\": true}";
        sequence.onEvents(List.of(new MeshEvent.MessageReceived(5_000_000L, "Device_A", "Device_B", "BID_RESPONSE",
                "task_1", bid)));
        sequence.onEvents(List.of(new MeshEvent.MessageSent(3_000_000L, "Device_B", "Device_A", "BID_RESPONSE",
                "task_1", bid)));
        List<Arrow> arrows = sequence.visibleArrows();
        assertEquals(1, arrows.size(), "one message, one arrow");
        assertEquals(3_000_000L, arrows.get(0).sent());
        assertEquals(5_000_000L, arrows.get(0).received());
        sequence.onEvents(List.of(new MeshEvent.MessageSent(9_000_000L, "Device_B", "Device_A", "BID_RESPONSE",
                "task_1", bid)));
        assertEquals(2, sequence.visibleArrows().size(), "the same line sent again is another message");
    }

    private static SequenceModel modelOf(SequenceController sequence) {
        try {
            var field = SequenceController.class.getDeclaredField("model");
            field.setAccessible(true);
            return (SequenceModel) field.get(sequence);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
