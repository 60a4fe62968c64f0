package io.meshbench.agent;

import static org.junit.jupiter.api.Assertions.fail;

/** The agent's tests run it under Debian's mksh and toybox, which scripts/setup installs. */
final class AgentTools {

    private AgentTools() {
    }

    static void require() throws Exception {
        for (String tool : new String[] {"mksh", "toybox"}) {
            Process which = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
            if (which.waitFor() != 0) {
                fail(tool + " is not installed: run scripts/setup, or apt-get install mksh toybox");
            }
        }
    }
}
