package io.meshbench.sim;

import io.meshbench.plugin.api.PluginContext.Cancellable;

import java.util.Arrays;

/**
 * The discrete-event queue of virtual time: actions ordered by (time, sequence number), so that two
 * actions due at the same instant always run in the order they were scheduled. A binary heap kept as
 * parallel arrays: the keys it compares (time, sequence) sit in two {@code long[]}s, so sifting reads
 * contiguous memory instead of chasing an object per comparison.
 */
final class EventQueue {

    /**
     * One scheduled action, and the handle that calls it off. Cancelling drops the action at once (the
     * queue skips the entry when it comes due): a cancelled timer must not keep what its action holds
     * alive until then. A result timer of 60 s, cancelled when the RESULT comes after 1 s, would hold
     * its whole auction (bids, selection, sets) for 59 s more: at 1,000 auctions a second, 59,000 dead
     * auctions kept live and copied by every young collection.
     */
    static final class Entry implements Cancellable {
        final long time;
        Runnable action;

        Entry(long time, Runnable action) {
            this.time = time;
            this.action = action;
        }

        @Override
        public void cancel() {
            action = null;
        }
    }

    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private Entry[] entries = new Entry[1024];
    private int size;
    private long nextSeq;

    Entry add(long time, Runnable action) {
        Entry entry = new Entry(time, action);
        long seq = nextSeq++;
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
            entries = Arrays.copyOf(entries, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        put(i, time, seq, entry);
        return entry;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The time of the earliest entry; the queue must not be empty. */
    long peekTime() {
        return times[0];
    }

    Entry poll() {
        Entry top = entries[0];
        int last = --size;
        long time = times[last];
        long seq = seqs[last];
        Entry entry = entries[last];
        entries[last] = null;
        if (size > 0) {
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < size && before(times[right], seqs[right], times[child], seqs[child])) {
                    child = right;
                }
                if (!before(times[child], seqs[child], time, seq)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            put(i, time, seq, entry);
        }
        return top;
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        entries[to] = entries[from];
    }

    private void put(int at, long time, long seq, Entry entry) {
        times[at] = time;
        seqs[at] = seq;
        entries[at] = entry;
    }

    private static boolean before(long timeA, long seqA, long timeB, long seqB) {
        return timeA < timeB || (timeA == timeB && seqA < seqB);
    }
}
