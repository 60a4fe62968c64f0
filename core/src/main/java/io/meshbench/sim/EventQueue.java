package io.meshbench.sim;

import io.meshbench.plugin.api.PluginContext.Cancellable;

import java.util.Arrays;

/**
 * The discrete-event queue of virtual time: actions ordered by (time, sequence number), so that two
 * actions due at the same instant always run in the order they were scheduled. A four-ary heap kept
 * as parallel arrays: the keys it compares (time, sequence) sit in two {@code long[]}s, so sifting
 * reads contiguous memory instead of chasing an object per comparison, and an entry moved on the
 * way (whose place it must be told, a cache miss at scale) is met on half as many levels as in a
 * binary heap. (Time, sequence) pairs are unique, so the order entries come out in is the same
 * whatever the heap's shape.
 */
final class EventQueue {

    /**
     * One scheduled action, and the handle that calls it off. The runtime's own kinds (a message in
     * flight, a node's timer) are subclasses that carry their fields themselves, so that scheduling
     * one allocates one object, not an entry plus a capturing lambda.
     *
     * <p>Cancelling takes the entry out of the queue at once and lets go of what its action holds:
     * a result timer of 60 s, cancelled when the RESULT comes after 1 s, must neither keep its whole
     * auction (bids, selection, sets) alive for 59 s more nor sit in the heap meanwhile; at 1,000
     * auctions a second that was 59,000 dead auctions held live and copied by every young
     * collection, and a heap five times the size of the live one to sift through.
     */
    abstract static class Entry implements Cancellable {
        final long time;
        /** Ran or cancelled. */
        private boolean over;
        /** The queue holding it and its place in the heap; null once out of it. */
        private EventQueue queue;
        private int index;

        Entry(long time) {
            this.time = time;
        }

        /** Marks the entry as running; false when it was cancelled. */
        final boolean take() {
            if (over) {
                return false;
            }
            over = true;
            return true;
        }

        abstract void run();

        /** Drops what the action holds; called when the entry is cancelled. */
        abstract void release();

        @Override
        public final void cancel() {
            if (!over) {
                over = true;
                if (queue != null) {
                    queue.remove(this);
                }
                release();
            }
        }
    }

    /** An entry for any {@link Runnable}. */
    static final class ActionEntry extends Entry {
        Runnable action;

        ActionEntry(long time, Runnable action) {
            super(time);
            this.action = action;
        }

        @Override
        void run() {
            action.run();
        }

        @Override
        void release() {
            action = null;
        }
    }

    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private Entry[] entries = new Entry[1024];
    private int size;
    private long nextSeq;

    ActionEntry add(long time, Runnable action) {
        ActionEntry entry = new ActionEntry(time, action);
        add(entry);
        return entry;
    }

    /** Queues {@code entry} at its time, after every entry already queued for that time. */
    void add(Entry entry) {
        long time = entry.time;
        long seq = nextSeq++;
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
            entries = Arrays.copyOf(entries, size * 2);
        }
        put(holeUp(size++, time, seq), time, seq, entry);
        entry.queue = this;
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
        removeAt(0);
        return top;
    }

    /** Takes a cancelled entry out of the heap; the others keep their (time, sequence) order. */
    private void remove(Entry entry) {
        removeAt(entry.index);
    }

    private void removeAt(int at) {
        entries[at].queue = null;
        int last = --size;
        long time = times[last];
        long seq = seqs[last];
        Entry entry = entries[last];
        entries[last] = null;
        if (at == last) {
            return;
        }
        // The last entry fills the hole: up if it sorts before the hole's parent, else down.
        int i = holeUp(at, time, seq);
        if (i == at) {
            while (true) {
                int first = 4 * i + 1;
                if (first >= size) {
                    break;
                }
                int child = first;
                int end = Math.min(first + 4, size);
                for (int k = first + 1; k < end; k++) {
                    if (before(times[k], seqs[k], times[child], seqs[child])) {
                        child = k;
                    }
                }
                if (!before(times[child], seqs[child], time, seq)) {
                    break;
                }
                move(child, i);
                i = child;
            }
        }
        put(i, time, seq, entry);
    }

    /**
     * Moves the hole at {@code i} up past every parent that (time, seq) sorts before, moving those parents
     * down into it; returns where the hole ends, the place for (time, seq) unless it must go down instead.
     */
    private int holeUp(int i, long time, long seq) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(time, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        return i;
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        Entry moved = entries[from];
        entries[to] = moved;
        moved.index = to;
    }

    private void put(int at, long time, long seq, Entry entry) {
        times[at] = time;
        seqs[at] = seq;
        entries[at] = entry;
        entry.index = at;
    }

    private static boolean before(long timeA, long seqA, long timeB, long seqB) {
        return timeA < timeB || (timeA == timeB && seqA < seqB);
    }
}
