package io.meshbench.auction;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ids of the tasks an orchestrator ended lately, the last {@code capacity} of them, so that a
 * late bid or result is told apart from a stray one. The orchestrator's own ids ({@code task_N_hex8})
 * are kept as one {@code long} each (N and the eight hex digits), in a ring in the order they ended
 * and in an open-addressing table: about 24 bytes a task instead of some 150 for a String in a
 * linked hash set, so that the thousand orchestrators of a scale run, a thousand tasks each, hold
 * 24 MB rather than 150 and the heap a run needs stays small. Any other id (none today) goes to a
 * plain linked set with the same bound.
 */
final class EndedTasks {

    private static final long EMPTY = 0; // no own id packs to 0: N starts at 1

    private final int capacity;
    /** Own ids in the order they ended; the eldest at {@code head} once full. */
    private long[] ring;
    private int head;
    private int size;
    /** Linear probing, kept at most half full; {@link #EMPTY} marks a free slot. */
    private long[] table = new long[32];
    private final Set<String> other;

    EndedTasks(int capacity) {
        this.capacity = capacity;
        this.ring = new long[Math.min(16, capacity)];
        this.other = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    /** Remembers {@code taskId}, forgetting the eldest when {@code capacity} are remembered already. */
    void add(String taskId) {
        long key = pack(taskId);
        if (key == EMPTY) {
            other.add(taskId);
            return;
        }
        if (contains(key)) {
            return; // a set: ending again changes nothing, as before
        }
        if (size == capacity) {
            remove(ring[head]);
            ring[head] = key;
            head = (head + 1) % capacity;
        } else {
            if (size == ring.length) {
                grow();
            }
            ring[(head + size) % ring.length] = key;
            size++;
        }
        insert(key);
    }

    boolean contains(String taskId) {
        long key = pack(taskId);
        return key == EMPTY ? other.contains(taskId) : contains(key);
    }

    /** Ids remembered. */
    int size() {
        return size + other.size();
    }

    /** {@code task_N_hex8} as N << 32 | hex, for N from 1 to 2^32 - 1 without leading zeros; else {@link #EMPTY}. */
    static long pack(String id) {
        int length = id.length();
        if (length < 15 || !id.startsWith("task_") || id.charAt(length - 9) != '_') {
            return EMPTY;
        }
        int end = length - 9;
        if (end - 5 > 10 || id.charAt(5) == '0') {
            return EMPTY;
        }
        long n = 0;
        for (int i = 5; i < end; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return EMPTY;
            }
            n = n * 10 + (c - '0');
        }
        if (n > 0xFFFF_FFFFL) {
            return EMPTY;
        }
        long hex = 0;
        for (int i = end + 1; i < length; i++) {
            char c = id.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                return EMPTY;
            }
            hex = hex << 4 | digit;
        }
        return n << 32 | hex;
    }

    private void grow() {
        int newLength = Math.min(capacity, ring.length * 2);
        long[] bigger = new long[newLength];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
        long[] old = table;
        table = new long[Integer.highestOneBit(Math.max(newLength, 8) - 1) << 2];
        for (long key : old) {
            if (key != EMPTY) {
                insert(key);
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (table.length - 1);
    }

    private boolean contains(long key) {
        for (int i = slot(key); ; i = (i + 1) & (table.length - 1)) {
            long k = table[i];
            if (k == key) {
                return true;
            }
            if (k == EMPTY) {
                return false;
            }
        }
    }

    private void insert(long key) {
        int i = slot(key);
        while (table[i] != EMPTY) {
            i = (i + 1) & (table.length - 1);
        }
        table[i] = key;
    }

    /** Removes {@code key}, shifting back the entries after it that probed past its slot. */
    private void remove(long key) {
        int mask = table.length - 1;
        int i = slot(key);
        while (table[i] != key) {
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; table[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(table[j]);
            // table[j] may fill the hole if its home is not cyclically within (hole, j]
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = EMPTY;
    }
}
