package io.meshbench.app.charts;

/** One device's recent samples in fixed ring buffers: memory stays the same however long it runs. */
final class Series {

    final long[] time;
    final double[] cpu;
    final double[] ram;
    final double[] battery;
    private int next;
    private int size;

    Series(int capacity) {
        time = new long[capacity];
        cpu = new double[capacity];
        ram = new double[capacity];
        battery = new double[capacity];
    }

    void add(long at, double cpuLoad, double ramLoad, int batteryPercent) {
        time[next] = at;
        cpu[next] = cpuLoad;
        ram[next] = ramLoad;
        battery[next] = batteryPercent < 0 ? -1 : batteryPercent / 100.0;
        next = (next + 1) % time.length;
        size = Math.min(size + 1, time.length);
    }

    int size() {
        return size;
    }

    /** The index of the {@code i}-th sample, oldest first. */
    int index(int i) {
        return (next - size + i + time.length) % time.length;
    }
}
