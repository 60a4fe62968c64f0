package io.meshbench.schedule;

import io.meshbench.runtime.MeshContext;
import io.meshbench.testing.ManualContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The context the workload watches through passes every call on: a method of {@link MeshContext}
 * it did not override would answer with the interface's default (a peer's extension level 0, so
 * no attempt numbers and no acknowledgements), not the runtime's.
 */
class WorkloadContextTest {

    @Test
    void everyMethodOfTheContextIsPassedOn() throws Exception {
        MeshContext watched = new Workload().watch(new ManualContext("Device_A"));
        for (Method m : MeshContext.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                watched.getClass().getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                fail("Workload.watch does not pass on MeshContext." + m.getName());
            }
        }
        assertEquals("Device_A", watched.self());
    }
}
