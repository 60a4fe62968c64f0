package io.meshbench.protocol;

/**
 * A line that is not a valid message. The message says what is wrong in words a person can act on;
 * {@link #excerpt()} shows the start of the offending input, printable.
 */
public final class ProtocolException extends Exception {
    private static final int EXCERPT_CHARS = 120;

    private final String excerpt;

    public ProtocolException(String message, String input) {
        super(message);
        this.excerpt = excerpt(input);
    }

    /** The start of the offending input, with control characters escaped. */
    public String excerpt() {
        return excerpt;
    }

    /** Up to 120 characters of {@code input}, control characters shown as escapes, marked when cut. */
    public static String excerpt(String input) {
        if (input == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(input.length(), EXCERPT_CHARS) + 8);
        int limit = Math.min(input.length(), EXCERPT_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = input.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (input.length() > limit) {
            out.append("… (").append(input.length()).append(" chars)");
        }
        return out.toString();
    }
}
