package io.meshbench.bench.suite;

import java.lang.management.ManagementFactory;

/** The machine's 1-minute load average, recorded beside each measurement: other work on the machine skews it. */
final class LoadAverage {
    private LoadAverage() {
    }

    static double now() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
