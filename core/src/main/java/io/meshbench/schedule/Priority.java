package io.meshbench.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How urgent a prompt is. A task waiting in the orchestrator's queue is served by priority, with
 * aging (see {@link TaskQueue}): {@link #HIGH} first, {@link #LOW} last, but no task waits forever.
 */
public enum Priority {
    HIGH, NORMAL, LOW;

    /** Levels below {@link #HIGH}: 0, 1, 2. Each level is worth one aging interval of waiting. */
    public int level() {
        return ordinal();
    }

    /** The name as users write it: {@code high}, {@code normal}, {@code low}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code high}, {@code normal} or {@code low} (any case); anything else says what is allowed. */
    public static Priority parse(String text) {
        String wanted = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (Priority p : values()) {
            if (p.name().equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown priority \"" + text + "\"; use one of "
                + Arrays.stream(values()).map(Priority::label).collect(Collectors.joining(", ")));
    }
}
