package io.meshbench.app.replay;

import io.meshbench.event.MeshEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the views must be fed to show the mesh at a point of a recording, without feeding them all of
 * it. Messages are most of a recording, and the views keep only the newest few thousand arrows, so
 * the messages older than those are left out: but every event that changes a view's lasting state
 * (auctions, metrics, nodes up and down, failed deliveries and the receipts that undo them) is kept.
 * This makes seeking back in a long recording several times faster than replaying it all.
 */
final class RebuildFilter {

    /** The arrows a replay window's sequence chart keeps: it can seek back for older ones. */
    static final int HISTORY = 4_000;
    /** Arrows fed in full before the point: more than the replay's sequence chart keeps. */
    static final int KEEP_ARROWS = HISTORY + 100;

    private final List<MeshEvent> events;
    /** Indices of the events that draw an arrow: sends, failed deliveries, receipts of sends not recorded. */
    private final int[] arrows;
    /** For each receipt, the index of its send; -1 when there is none (and for other events). */
    private final int[] sendOf;

    RebuildFilter(List<MeshEvent> events) {
        this.events = events;
        this.sendOf = new int[events.size()];
        Arrays.fill(sendOf, -1);
        Map<String, ArrayDeque<Integer>> inFlight = new HashMap<>();
        int[] found = new int[events.size()];
        int n = 0;
        for (int i = 0; i < events.size(); i++) {
            switch (events.get(i)) {
                case MeshEvent.MessageSent s -> {
                    inFlight.computeIfAbsent(key(s.node(), s.peer(), s.line()), k -> new ArrayDeque<>()).add(i);
                    found[n++] = i;
                }
                case MeshEvent.MessageReceived r -> {
                    ArrayDeque<Integer> sends = inFlight.get(key(r.peer(), r.node(), r.line()));
                    Integer send = sends == null ? null : sends.poll();
                    if (send != null) {
                        sendOf[i] = send;
                    } else {
                        found[n++] = i;
                    }
                }
                case MeshEvent.DeliveryFailed f -> found[n++] = i;
                default -> {
                }
            }
        }
        this.arrows = Arrays.copyOf(found, n);
    }

    private static String key(String from, String to, String line) {
        return from + '\u0000' + to + '\u0000' + line;
    }

    /** The events to feed fresh views so that they show the mesh as it was after the first {@code to}. */
    List<MeshEvent> prefix(int to) {
        int before = upperBound(to - 1);
        if (before <= KEEP_ARROWS) {
            return events.subList(0, to);
        }
        int cut = arrows[before - KEEP_ARROWS];
        List<MeshEvent> out = new ArrayList<>(to - cut + 1024);
        // Peers the graph shows unreachable until a receipt from them says otherwise.
        Set<String> unreachable = new HashSet<>();
        for (int i = 0; i < to; i++) {
            MeshEvent e = events.get(i);
            switch (e) {
                case MeshEvent.MessageSent s -> {
                    if (i >= cut) {
                        out.add(e);
                    }
                }
                case MeshEvent.MessageReceived r -> {
                    // A receipt marks its sender reachable again: the first one after a failure is kept.
                    boolean sendKept = sendOf[i] >= cut;
                    if (sendKept || (i >= cut && sendOf[i] < 0) || unreachable.remove(r.peer())) {
                        out.add(e);
                    }
                }
                case MeshEvent.DeliveryFailed f -> {
                    unreachable.add(f.peer());
                    out.add(e);
                }
                case MeshEvent.InputRejected x -> {
                    if (i >= cut) {
                        out.add(e);
                    }
                }
                default -> out.add(e);
            }
        }
        return out;
    }

    /** How many arrow events are at indices up to {@code index}. */
    private int upperBound(int index) {
        int i = Arrays.binarySearch(arrows, index);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
