package io.meshbench.cli;

import java.io.PrintStream;
import java.util.function.DoubleConsumer;

/** A one-line progress bar, redrawn in place on a terminal; silent when the output is not one. */
final class ProgressBar implements DoubleConsumer {
    private static final int WIDTH = 40;

    private final PrintStream out;
    private final String label;
    private final boolean terminal = PromptSession.interactive();
    private int drawn = -1;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void accept(double fraction) {
        int percent = (int) Math.round(Math.clamp(fraction, 0, 1) * 100);
        if (!terminal || percent == drawn) {
            return;
        }
        drawn = percent;
        int filled = percent * WIDTH / 100;
        out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%");
        out.flush();
    }

    /** Prints {@code line} on a line of its own; the bar is drawn again below it at the next step. */
    void println(String line) {
        if (terminal && drawn >= 0) {
            out.print("\r" + " ".repeat(label.length() + WIDTH + 8) + "\r");
            drawn = -1;
        }
        out.println(line);
    }

    void done() {
        if (terminal && drawn >= 0) {
            out.println();
        }
    }
}
