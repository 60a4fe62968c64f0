package io.meshbench.app.auctions;

import io.meshbench.app.AuctionEvents;
import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The auctions list's model, without the toolkit. */
class AuctionsControllerTest {

    @Test
    void anAuctionGoesFromBiddingToCompletedWithItsWinnerAndTimeSplit() {
        AuctionsController auctions = new AuctionsController("Device_A");
        List<MeshEvent> events = AuctionEvents.won("task_1_0000abcd", 1_000_000_000L);
        auctions.onEvents(events.subList(0, 1));
        assertEquals("BIDDING", auctions.auctions().get(0).state());
        assertEquals(1, auctions.inFlightProperty().get());
        auctions.onEvents(events.subList(1, events.size()));
        AuctionSummary row = auctions.auctions().get(0);
        assertEquals("task_1_0000abcd", row.taskId());
        assertEquals("COMPLETED", row.state());
        assertEquals("Device_B", row.winner());
        assertEquals("102.0 ms", row.total());
        assertEquals("Hello", row.output());
        assertEquals(2, row.bids());
        TimeSplit split = auctions.split("task_1_0000abcd").orElseThrow();
        assertEquals(4_000_000L, split.bidding());
        assertEquals(90_000_000L, split.execution(), "the device's own run");
        assertEquals(7_000_000L, split.returnTrip(), "the rest of the way from TASK to RESULT");
        assertEquals(0, auctions.inFlightProperty().get());
        assertEquals(1, auctions.completedProperty().get());
    }

    @Test
    void aFailedTaskSaysWhyAndTheNewestComesFirst() {
        AuctionsController auctions = new AuctionsController("Device_A");
        auctions.onEvents(AuctionEvents.won("task_1_aaaaaaaa", 0));
        auctions.onEvents(List.of(
                new MeshEvent.AuctionOpened(5, "Device_A", "task_2_bbbbbbbb", "Hi", List.of("Device_B"), 1),
                new MeshEvent.TaskFailed(9, "Device_A", "task_2_bbbbbbbb", "no bids within 10 s", MeshEvent.Timing.NONE)));
        assertEquals("task_2_bbbbbbbb", auctions.auctions().get(0).taskId());
        assertEquals("FAILED", auctions.auctions().get(0).state());
        assertEquals(1, auctions.failedProperty().get());
    }

    @Test
    void theListIsCappedSoMemoryStaysFlat() {
        AuctionsController auctions = new AuctionsController("Device_A");
        for (int i = 0; i < AuctionsModel.MAX_ROWS + 50; i++) {
            auctions.onEvents(List.of(new MeshEvent.AuctionOpened(i, "Device_A", "task_" + i, "Hi", List.of(), 1)));
        }
        assertEquals(AuctionsModel.MAX_ROWS, auctions.auctions().size());
        assertEquals("task_" + (AuctionsModel.MAX_ROWS + 49), auctions.auctions().get(0).taskId());
        assertTrue(auctions.split("task_0").isEmpty(), "the oldest row is forgotten");
    }

    @Test
    void eventsOfAnotherOrchestratorAreNotListed() {
        AuctionsController auctions = new AuctionsController("Device_X");
        auctions.onEvents(AuctionEvents.won("task_1_aaaaaaaa", 0));
        assertTrue(auctions.auctions().isEmpty());
    }
}
