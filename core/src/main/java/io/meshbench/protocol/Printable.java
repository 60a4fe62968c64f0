package io.meshbench.protocol;

/**
 * Text from the wire as it may be shown on a terminal or written to a log: control characters
 * (a terminal's escape sequences among them) become visible escapes such as {@code \x1b}; line
 * breaks and tabs stay, as a model's answer needs them.
 */
public final class Printable {

    private Printable() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        int i = 0;
        while (i < text.length() && safe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text; // the usual case: nothing to escape
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (safe(c)) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c & 0xff));
                if (c > 0xff) {
                    out.setLength(out.length() - 4);
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out.toString();
    }

    private static boolean safe(char c) {
        return c == '\n' || c == '\t' || !(Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069');
    }
}
