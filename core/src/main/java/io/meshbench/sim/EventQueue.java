package io.meshbench.sim;

import java.util.Arrays;

/**
 * The discrete-event queue of virtual time: actions ordered by (time, sequence number), so that two
 * actions due at the same instant always run in the order they were scheduled. A binary heap over
 * plain arrays: no boxing, no comparator, a few tens of nanoseconds an operation.
 */
final class EventQueue {

    /** One scheduled action; cancelling marks it, and the queue skips it when it comes due. */
    static final class Entry {
        final long time;
        final long seq;
        final Runnable action;
        boolean cancelled;

        Entry(long time, long seq, Runnable action) {
            this.time = time;
            this.seq = seq;
            this.action = action;
        }
    }

    private Entry[] heap = new Entry[1024];
    private int size;
    private long nextSeq;

    Entry add(long time, Runnable action) {
        Entry entry = new Entry(time, nextSeq++, action);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Entry p = heap[parent];
            if (!before(entry, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = entry;
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
        return heap[0].time;
    }

    Entry poll() {
        Entry top = heap[0];
        Entry last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                Entry c = heap[child];
                int right = child + 1;
                if (right < size && before(heap[right], c)) {
                    child = right;
                    c = heap[child];
                }
                if (!before(c, last)) {
                    break;
                }
                heap[i] = c;
                i = child;
            }
            heap[i] = last;
        }
        return top;
    }

    private static boolean before(Entry a, Entry b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }
}
