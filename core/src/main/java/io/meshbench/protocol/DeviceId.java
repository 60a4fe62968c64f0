package io.meshbench.protocol;

/** The rule for a device id, wherever one is read: it must fit on a wire line as its sender. */
public final class DeviceId {
    public static final int MAX_LENGTH = 128;

    private DeviceId() {
    }

    /**
     * Returns {@code value} if it is a valid device id: non-empty, at most 128 characters, no
     * whitespace, no {@code |}, no control characters.
     *
     * @param field what the value is, for the error message
     * @throws IllegalArgumentException naming the field and the value otherwise
     */
    public static String check(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty device id");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ' && c < 0x7f && c != '|') {
                continue; // printable ASCII other than '|': the usual case, decided without a table look-up
            }
            if (c == '|' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(field + " must not contain '|', spaces or control characters: \""
                        + value + "\"");
            }
        }
        return value;
    }
}
