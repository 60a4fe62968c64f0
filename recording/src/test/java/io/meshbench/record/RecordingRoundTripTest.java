package io.meshbench.record;

import io.meshbench.event.MeshEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void theSamplesCoverEveryEventType() {
        Set<String> sampled = SampleEvents.all().stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet());
        Set<String> all = Arrays.stream(MeshEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertEquals(all, sampled, "add a sample of every new event type to SampleEvents");
    }

    @Test
    void everyEventTypeReadsBackEqual() throws Exception {
        Path file = dir.resolve("run.jsonl");
        try (RecordingWriter writer = RecordingWriter.open(file, Map.of("scenario", "seed-mesh", "seed", "42"))) {
            SampleEvents.all().forEach(writer);
            assertEquals(SampleEvents.all().size(), writer.written());
        }
        Recording recording = RecordingReader.read(file);
        assertEquals(SampleEvents.all(), recording.events());
        assertTrue(recording.truncation().isEmpty());
        assertEquals(Map.of("scenario", "seed-mesh", "seed", "42"), recording.header().metadata());
        assertEquals(RecordingHeader.VERSION, recording.header().version());
    }

    @Test
    void eachLineIsOneEventWithItsTypeFirst() throws Exception {
        Path file = dir.resolve("run.jsonl");
        try (RecordingWriter writer = RecordingWriter.open(file, Map.of())) {
            SampleEvents.all().forEach(writer);
        }
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("{\"format\":\"meshbench-recording\",\"version\":2,\"created\":\""), lines.get(0));
        assertEquals(SampleEvents.all().size() + 1, lines.size(), "an output with a newline stays on its line");
        assertTrue(lines.get(8).startsWith("{\"event\":\"BidAccepted\",\"time\":"), lines.get(8));
        com.fasterxml.jackson.databind.ObjectMapper strict = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (String line : lines) {
            strict.readTree(line); // a strict JSON reader takes every line: no key twice
        }
        assertTrue(lines.get(9).contains("\"cpuLoad\":null"), "an unknown load is null: " + lines.get(9));
    }

    @Test
    void eventsFromManyThreadsNeverInterleave() throws Exception {
        Path file = dir.resolve("threads.jsonl");
        int threads = 8;
        int each = 500;
        try (RecordingWriter writer = RecordingWriter.open(file, Map.of())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String node = "Phone_" + t;
                running.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        writer.accept(new MeshEvent.MetricSampled(i, node, 0.5, 0.5, 50, i));
                    }
                }));
            }
            start.countDown();
            for (Thread thread : running) {
                thread.join();
            }
        }
        List<MeshEvent> events = RecordingReader.read(file).events();
        assertEquals(threads * each, events.size());
        for (int t = 0; t < threads; t++) {
            String node = "Phone_" + t;
            List<Integer> order = events.stream().filter(e -> e.node().equals(node))
                    .map(e -> ((MeshEvent.MetricSampled) e).runningTasks()).toList();
            assertEquals(each, order.size());
            for (int i = 0; i < each; i++) {
                assertEquals(i, order.get(i), "each thread's events in its own order");
            }
        }
    }

    @Test
    void eventsAfterCloseAreDroppedNotThrown() throws Exception {
        Path file = dir.resolve("closed.jsonl");
        RecordingWriter writer = RecordingWriter.open(file, Map.of());
        writer.accept(SampleEvents.all().get(0));
        writer.close();
        writer.accept(SampleEvents.all().get(1));
        writer.close();
        assertEquals(1, RecordingReader.read(file).events().size());
    }
}
