package io.meshbench.app.bench;

import java.nio.file.Path;

/** A failure of the suite or of a folder as one line for the panel: what failed, why, and where to look; never a stack trace. */
final class Failures {

    private Failures() {
    }

    static String describe(String what, Throwable failure, Path out) {
        StringBuilder why = new StringBuilder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Throwable t = failure; t != null && seen.size() < 4; t = t.getCause()) {
            String message = t.getMessage() == null || t.getMessage().isBlank() ? null : firstLine(t.getMessage());
            if (message != null && seen.add(message) && why.indexOf(message) < 0) {
                why.append(why.isEmpty() ? "" : ": ").append(message);
            }
        }
        if (why.isEmpty()) {
            why.append(failure.getClass().getSimpleName());
        }
        String where = out == null ? "" : "; JMH's own output is in " + out.resolve("jmh.log");
        return what + ": " + why + where;
    }

    private static String firstLine(String s) {
        int end = s.indexOf('\n');
        return (end < 0 ? s : s.substring(0, end)).strip();
    }
}
