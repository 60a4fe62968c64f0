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

    /** The characters of the grammar, by code (ASCII only). */
    private static final boolean[] ALLOWED_CHARS = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ALLOWED_CHARS[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == '-' || c == ':' || c == '@' || c == '+';
        }
    }

    /**
     * Strings already found valid, by their hash: the same id objects (a mesh's peer list, a task id
     * carried from BID_REQUEST to RESULT) are checked again by every record built from them, and a
     * string's hash is kept in the string, so a hit costs a load and a comparison by identity. Only
     * valid strings enter, and a string cannot change, so a hit is always right; a racing write only
     * loses an entry (a String's fields are final, so a reference read from another thread sees
     * them whole).
     */
    private static final String[] VALID = new String[1024];

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
        return value != null && scan(value);
    }

    private static String checkId(String field, String value, String what) {
        if (value != null && value.length() <= MAX_LENGTH) {
            int slot = value.hashCode() & (VALID.length - 1);
            if (VALID[slot] == value) {
                return value;
            }
            if (scan(value)) {
                VALID[slot] = value;
                return value;
            }
        }
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

    /** Whether a non-null {@code value} follows the grammar. */
    private static boolean scan(String value) {
        int n = value.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 128 || !ALLOWED_CHARS[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(char c) {
        return c < 128 && ALLOWED_CHARS[c];
    }
}
