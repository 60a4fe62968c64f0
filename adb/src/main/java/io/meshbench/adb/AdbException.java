package io.meshbench.adb;

/** An ADB step failed; the message says what happened and what to do, ready to show a user. */
public final class AdbException extends RuntimeException {
    public AdbException(String message) {
        super(message);
    }
}
