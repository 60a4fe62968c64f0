package io.meshbench.protocol;

/** Checks shared by the message records' constructors. */
final class Fields {
    private Fields() {
    }

    static String deviceId(String field, String value) {
        return DeviceId.check(field, value);
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

    /** An attempt number: 0 when absent (seed format), else 1 or more. */
    static int attempt(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be 1 or more (or absent), got " + attempt);
        }
        return attempt;
    }
}
