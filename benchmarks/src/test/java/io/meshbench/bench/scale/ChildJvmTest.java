package io.meshbench.bench.scale;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A scale run's child JVM gets the running JVM's heap and collector, or the launcher's defaults. */
class ChildJvmTest {

    @Test
    void withoutHeapOptionsTheLaunchersDefaults() {
        assertEquals(List.of(ChildJvm.DEFAULT_HEAP, ChildJvm.DEFAULT_GC),
                ChildJvm.options(List.of("-Dstdout.encoding=UTF-8", "-javaagent:/x/jacoco.jar", "--enable-native-access=ALL-UNNAMED")));
    }

    @Test
    void theUsersHeapAndCollectorWinAndAgentsStayBehind() {
        assertEquals(List.of(ChildJvm.DEFAULT_GC, "-Xmx2g", "-Xms256m"),
                ChildJvm.options(List.of("-Xmx2g", "-agentlib:jdwp=transport=dt_socket", "-Xms256m")));
        assertEquals(List.of(ChildJvm.DEFAULT_HEAP, "-XX:+UseZGC"), ChildJvm.options(List.of("-XX:+UseZGC")));
        assertEquals(List.of("-XX:MaxRAMPercentage=50", "-XX:+UseParallelGC"),
                ChildJvm.options(List.of("-XX:MaxRAMPercentage=50", "-XX:+UseParallelGC")));
        // the launcher's defaults come first on its command line, a user's -Xmx after: the child keeps both, in order
        assertEquals(List.of(ChildJvm.DEFAULT_HEAP, ChildJvm.DEFAULT_GC, "-Xmx3g"),
                ChildJvm.options(List.of(ChildJvm.DEFAULT_HEAP, ChildJvm.DEFAULT_GC, "-Xmx3g")));
    }
}
