package io.meshbench.app.bench;

import java.util.Arrays;

/**
 * The JVMs JMH forked for the running suite. Stopping the suite's thread does not stop them (JMH waits
 * for a fork to end), so Cancel ends them: each JMH fork of this process (its main class is JMH's
 * {@code ForkedMain}), and what it started (node processes, shell agents) before it.
 */
final class ForkedJvms {

    static final String FORKED_MAIN = "org.openjdk.jmh.runner.ForkedMain";

    private ForkedJvms() {
    }

    /** Ends every JMH fork below this process; returns how many there were. */
    static int destroy() {
        int[] count = {0};
        ProcessHandle.current().descendants().filter(ForkedJvms::isFork).forEach(fork -> {
            fork.descendants().forEach(ProcessHandle::destroy);
            fork.destroy();
            count[0]++;
        });
        return count[0];
    }

    private static boolean isFork(ProcessHandle p) {
        return p.info().arguments().map(args -> Arrays.asList(args).contains(FORKED_MAIN)).orElse(false);
    }
}
