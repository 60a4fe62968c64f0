package io.meshbench.protocol;

/** Checks shared by the message records' constructors. */
final class Fields {
    private Fields() {
    }

    /** A device id: non-empty, no whitespace, no {@code |}, at most 128 characters. */
    static String deviceId(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty device id");
        }
        if (value.length() > 128) {
            throw new IllegalArgumentException(field + " is longer than 128 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '|' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(field + " must not contain '|', spaces or control characters: \""
                        + value + "\"");
            }
        }
        return value;
    }

    static String nonEmpty(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value;
    }

    static String notNull(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value;
    }

    static double share(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be a number from 0 to 1, got " + value);
        }
        return value;
    }
}
