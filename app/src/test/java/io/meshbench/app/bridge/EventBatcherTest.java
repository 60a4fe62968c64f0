package io.meshbench.app.bridge;

import io.meshbench.event.EventBus;
import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventBatcherTest {

    @Test
    void handsEverythingQueuedToEveryViewAsOneBatch() throws Exception {
        EventBus bus = new EventBus();
        try (EventBatcher batcher = new EventBatcher(bus, 100)) {
            List<List<MeshEvent>> first = new ArrayList<>();
            List<List<MeshEvent>> second = new ArrayList<>();
            batcher.addView(first::add);
            batcher.addView(second::add);
            for (int i = 0; i < 5; i++) {
                bus.publish(new MeshEvent.NodeStopped(i, "Device_" + i));
            }
            assertEquals(5, batcher.drain());
            assertEquals(1, first.size());
            assertEquals(5, first.get(0).size());
            assertEquals(first, second);
            assertEquals(0, batcher.drain(), "nothing new: no batch");
            assertEquals(1, first.size());
        }
    }

    @Test
    void aMeshFasterThanTheWindowLosesEventsInsteadOfMemory() throws Exception {
        EventBus bus = new EventBus();
        try (EventBatcher batcher = new EventBatcher(bus, 10)) {
            List<MeshEvent> seen = new ArrayList<>();
            batcher.addView(seen::addAll);
            for (int i = 0; i < 25; i++) {
                bus.publish(new MeshEvent.NodeStopped(i, "Device_B"));
            }
            assertEquals(10, batcher.queued());
            assertEquals(15, batcher.dropped());
            batcher.drain();
            assertEquals(10, seen.size());
            assertEquals(0, seen.get(0).time(), "the oldest are kept, in order");
            assertEquals(25, batcher.received());
        }
    }

    @Test
    void aBrokenViewDoesNotStopTheOthers() throws Exception {
        EventBus bus = new EventBus();
        try (EventBatcher batcher = new EventBatcher(bus, 10)) {
            List<MeshEvent> seen = new ArrayList<>();
            batcher.addView(batch -> {
                throw new IllegalStateException("broken view");
            });
            batcher.addView(seen::addAll);
            bus.publish(new MeshEvent.NodeStopped(1, "Device_B"));
            batcher.drain();
            assertEquals(1, seen.size());
        }
    }
}
