package io.meshbench.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate process that writes tasks into a history file, for the tests that kill it or run two
 * at once: {@code FILE LABEL BATCHES BATCH_SIZE} ({@code BATCHES} -1: until killed). Prints
 * {@code ready} once the file is open.
 */
public final class HistoryWriterMain {

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String label = args[1];
        long batches = Long.parseLong(args[2]);
        int size = Integer.parseInt(args[3]);
        try (HistoryStore store = HistoryStore.open(file)) {
            System.out.println("ready");
            System.out.flush();
            for (long b = 0; batches < 0 || b < batches; b++) {
                List<TaskRecord> batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    long n = b * size + i;
                    batch.add(HistoryStoreTest.row(label + "_" + n, label, 1_700_000_000_000L + n, "Phone_" + (n % 7),
                            n % 3 == 0, 800.0 + n % 100));
                }
                store.insert(batch);
            }
        }
    }
}
