package io.meshbench.app.replay;

import io.meshbench.app.views.PacedClock;
import io.meshbench.app.views.Speed;
import io.meshbench.event.MeshEvent;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a replay is in its recording, without any JavaFX: the position is how many events have been
 * shown (events {@code [0, position)}). Playing moves it with the recorded time, paced against the
 * wall clock at a chosen speed; stepping moves it one message at a time; seeking moves it anywhere.
 * Every move says which events the views must take next, and whether they must first be rebuilt
 * from the start (a move backwards: the views only ever add events).
 */
public final class Timeline {

    /** Events {@code [from, to)} to show; with {@code rebuild}, after clearing the views ({@code from} is 0). */
    public record Move(boolean rebuild, int from, int to) {
        public boolean empty() {
            return !rebuild && from == to;
        }
    }

    private final List<MeshEvent> events;
    /** Recorded time, made non-decreasing (threads of a live run may publish slightly out of order). */
    private final long[] times;
    /** Positions just after each message event: where a step stops. */
    private final int[] stops;
    private final PacedClock clock;
    private int position;
    private boolean playing;

    public Timeline(List<MeshEvent> events, long wallNow) {
        this.events = List.copyOf(events);
        this.times = new long[this.events.size()];
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < times.length; i++) {
            latest = Math.max(latest, this.events.get(i).time());
            times[i] = latest;
        }
        this.stops = messageStops(this.events);
        this.clock = new PacedClock(startTime(), wallNow);
    }

    /**
     * A message is its send, or, when its sender's sends are not in the recording (a device this
     * MeshBench did not run), its receipt; a failed delivery is one too.
     */
    private static int[] messageStops(List<MeshEvent> events) {
        Set<String> senders = new HashSet<>();
        for (MeshEvent e : events) {
            if (e instanceof MeshEvent.MessageSent s) {
                senders.add(s.node());
            }
        }
        int[] out = new int[events.size()];
        int n = 0;
        for (int i = 0; i < events.size(); i++) {
            MeshEvent e = events.get(i);
            if (e instanceof MeshEvent.MessageSent || e instanceof MeshEvent.DeliveryFailed
                    || (e instanceof MeshEvent.MessageReceived r && !senders.contains(r.peer()))) {
                out[n++] = i + 1;
            }
        }
        return Arrays.copyOf(out, n);
    }

    public List<MeshEvent> events() {
        return events;
    }

    public int size() {
        return events.size();
    }

    public int position() {
        return position;
    }

    /** Messages in the recording (the steps). */
    public int messages() {
        return stops.length;
    }

    public long startTime() {
        return times.length == 0 ? 0 : times[0];
    }

    public long endTime() {
        return times.length == 0 ? 0 : times[times.length - 1];
    }

    /** The recorded time of the last event shown (the start before any). */
    public long time() {
        return position == 0 ? startTime() : times[position - 1];
    }

    public boolean playing() {
        return playing;
    }

    public boolean atEnd() {
        return position == events.size();
    }

    public Speed speed() {
        return clock.speed();
    }

    public void setSpeed(Speed speed, long wallNow) {
        clock.setSpeed(speed, time(), wallNow);
    }

    /** Plays from here (from the start when at the end). */
    public Move play(long wallNow) {
        Move move = atEnd() ? seek(0) : new Move(false, position, position);
        playing = true;
        clock.rebase(time(), wallNow);
        return move;
    }

    public void pause() {
        playing = false;
    }

    /** While playing: every event whose recorded time the paced clock has reached. Stops at the end. */
    public Move tick(long wallNow) {
        if (!playing) {
            return new Move(false, position, position);
        }
        int to = clock.speed().unpaced() ? events.size() : upperBound(clock.target(wallNow));
        Move move = seek(Math.max(position, to));
        if (atEnd()) {
            playing = false;
        }
        return move;
    }

    /** To just after the next message (or the end). */
    public Move stepForward() {
        playing = false;
        int i = Arrays.binarySearch(stops, position + 1);
        int index = i >= 0 ? i : -i - 1;
        return seek(index < stops.length ? stops[index] : events.size());
    }

    /** Back to just after the message before the last one shown (or the start). */
    public Move stepBack() {
        playing = false;
        int i = Arrays.binarySearch(stops, position);
        int index = (i >= 0 ? i : -i - 1) - 1;
        return seek(index >= 0 ? stops[index] : 0);
    }

    /** To {@code target} events shown. */
    public Move seek(int target) {
        if (target < 0 || target > events.size()) {
            throw new IllegalArgumentException("position " + target + " is outside the recording (0 to "
                    + events.size() + ")");
        }
        int from = position;
        position = target;
        return target >= from ? new Move(false, from, target) : new Move(true, 0, target);
    }

    /** To every event recorded at or before {@code recordedNanos}. */
    public Move seekTime(long recordedNanos) {
        return seek(upperBound(recordedNanos));
    }

    /** Seeks to a share of the recorded time, 0 to 1 (the timeline slider). */
    public Move seekFraction(double share) {
        double clamped = Math.max(0, Math.min(1, share));
        return seekTime(startTime() + (long) ((endTime() - startTime()) * clamped));
    }

    /** The share of the recorded time shown, 0 to 1. */
    public double fraction() {
        long span = endTime() - startTime();
        return span <= 0 ? (atEnd() ? 1 : 0) : (time() - startTime()) / (double) span;
    }

    /** How many events have a recorded time at or before {@code nanos}. */
    private int upperBound(long nanos) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
