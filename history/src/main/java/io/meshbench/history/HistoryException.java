package io.meshbench.history;

/** A history file that cannot be used, with what to do about it; the message names the file. */
public final class HistoryException extends RuntimeException {
    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }

    public HistoryException(String message) {
        super(message);
    }
}
