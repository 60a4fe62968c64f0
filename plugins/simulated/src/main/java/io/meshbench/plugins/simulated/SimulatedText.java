package io.meshbench.plugins.simulated;

import java.util.SplittableRandom;

/** Deterministic stand-in text for a simulated model's answer. */
final class SimulatedText {
    private static final String[] WORDS = {
            "the", "light", "ocean", "slowly", "gold", "over", "waves", "sky", "warm", "quiet", "horizon", "amber",
            "clouds", "drift", "and", "a", "soft", "glow", "settles", "across", "water", "evening", "breeze",
            "colours", "fade", "into", "deep", "blue", "while", "birds", "return", "shore", "calm", "bright",
            "red", "sun", "sinks", "beneath", "line", "of", "silver", "mist", "rises", "gently", "night"};

    private SimulatedText() {
    }

    /** Roughly four characters a token, at least one. */
    static int tokenCount(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    /** The last answer made: a run asks for the same few (prompt, length) pairs over and over. */
    private record Made(String prompt, int tokens, String text) {
    }

    private static volatile Made last;

    /** The text for {@code prompt} at {@code tokens} tokens: a function of the two alone. */
    static String answer(String prompt, int tokens) {
        Made made = last;
        if (made != null && made.tokens == tokens && made.prompt.equals(prompt)) {
            return made.text;
        }
        String text = make(prompt, tokens);
        last = new Made(prompt, tokens, text);
        return text;
    }

    static String make(String prompt, int tokens) {
        SplittableRandom random = new SplittableRandom(prompt.hashCode());
        StringBuilder out = new StringBuilder(12 + 8 * tokens).append("[simulated] ");
        boolean capital = true;
        for (int i = 0; i < tokens; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            out.append(capital ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            capital = false;
            if (i == tokens - 1 || random.nextInt(9) == 0) {
                out.append('.');
                capital = true;
            }
            if (i < tokens - 1) {
                out.append(' ');
            }
        }
        return out.toString();
    }
}
