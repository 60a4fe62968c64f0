package io.meshbench.protocol;

/**
 * The grammar of a device id and of a task id, wherever one is read: 1 to 128 of the letters A-Z and
 * a-z, the digits, and {@code _ . : @ + -}. Nothing else: no spaces, no {@code |}, no control or
 * non-ASCII characters, so that an id can head a wire line, name a file, and be printed to a
 * terminal or a log as it is.
 */
public final class DeviceId {
    public static final int MAX_LENGTH = 128;
    private static final String ALLOWED = "must not contain spaces, '|', control or non-ASCII characters: only letters, "
            + "digits and _ . : @ + -";

    private DeviceId() {
    }

    /**
     * Returns {@code value} if it is a valid device id.
     *
     * @param field what the value is, for the error message
     * @throws IllegalArgumentException naming the field and the value (printable) otherwise
     */
    public static String check(String field, String value) {
        return checkId(field, value, "device id");
    }

    /** Returns {@code value} if it is a valid task id (the same grammar as a device id). */
    public static String checkTask(String field, String value) {
        return checkId(field, value, "task id");
    }

    /** Whether {@code value} follows the grammar. */
    public static boolean valid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!allowed(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String checkId(String field, String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty " + what);
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!allowed(value.charAt(i))) {
                throw new IllegalArgumentException(field + " " + ALLOWED + ", got \""
                        + ProtocolException.excerpt(value) + "\"");
            }
        }
        return value;
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '_' || c == '.' || c == '-' || c == ':' || c == '@' || c == '+';
    }
}
