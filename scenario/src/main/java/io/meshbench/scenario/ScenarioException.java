package io.meshbench.scenario;

/**
 * A scenario file that cannot be run: the message names the file, the line and column, the field,
 * and what is allowed there.
 */
public final class ScenarioException extends RuntimeException {
    private final String source;
    private final int line;
    private final int column;
    private final String field;

    public ScenarioException(String source, int line, int column, String field, String problem) {
        super(source + (line > 0 ? ":" + line + ":" + column : "") + ": " + (field.isEmpty() ? "" : field + ": ")
                + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.field = field;
    }

    public String source() {
        return source;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when unknown. */
    public int column() {
        return column;
    }

    /** The dotted path of the field, e.g. {@code workload.arrival.rate}. */
    public String field() {
        return field;
    }
}
