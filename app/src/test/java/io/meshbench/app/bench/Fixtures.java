package io.meshbench.app.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Two real quick-suite runs on this project's machine, as the suite wrote them (summary.json only):
 * {@code before} lazy rankings, and {@code after}, when selection over 10,000 bids got about 30 times faster.
 */
final class Fixtures {

    private Fixtures() {
    }

    static Path before() {
        return folder("before");
    }

    static Path after() {
        return folder("after");
    }

    private static Path folder(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name + "/summary.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
