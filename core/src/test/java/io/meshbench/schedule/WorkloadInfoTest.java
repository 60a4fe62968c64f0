package io.meshbench.schedule;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The orchestrator's {@link AuctionInfo}: {@link AuctionInfo#workOf} (one look-up a bidder) gives
 * exactly what {@code outstanding} and {@code expectedSeconds} give one by one, and the forecast
 * predicts what a decaying average per device, unit and size class (falling back to the unit's)
 * predicts, through random sequences of tasks handed out, ended, refused and learnt from.
 */
class WorkloadInfoTest {

    /** The forecast's rule written plainly: a map per (device, unit, size class or any size). */
    private static final class PlainForecast {
        private final Map<String, Double> averages = new HashMap<>();

        void observe(String device, boolean npu, int tokens, double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                return;
            }
            update(device + "/" + npu + "/" + Forecast.sizeClass(tokens), seconds);
            update(device + "/" + npu + "/any", seconds);
        }

        private void update(String key, double seconds) {
            Double avg = averages.get(key);
            averages.put(key, avg == null ? seconds : avg + Forecast.ALPHA * (seconds - avg));
        }

        OptionalDouble expected(String device, boolean npu, int tokens) {
            Double s = averages.get(device + "/" + npu + "/" + Forecast.sizeClass(tokens));
            if (s == null) {
                s = averages.get(device + "/" + npu + "/any");
            }
            return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
        }

        int size() {
            return (int) averages.keySet().stream().filter(k -> k.endsWith("/any")).count();
        }
    }

    @Test
    void workOfAgreesWithTheOneByOneAnswersAndTheForecastWithItsRule() {
        SplittableRandom random = new SplittableRandom(18);
        for (int round = 0; round < 50; round++) {
            Workload workload = new Workload();
            PlainForecast plain = new PlainForecast();
            Map<String, Integer> outstanding = new HashMap<>();
            Map<String, String> deviceOf = new HashMap<>();
            int devices = 1 + random.nextInt(12);
            int task = 0;
            for (int step = 0; step < 200; step++) {
                String device = "Device_" + random.nextInt(devices);
                int tokens = random.nextInt(3) == 0 ? random.nextInt(20) : 1 + random.nextInt(5_000);
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        String id = "task-" + task++;
                        workload.observe(new MeshEvent.TaskAssigned(0, "O", id, device, random.nextBoolean(), "text", "p"));
                        outstanding.merge(device, 1, Integer::sum);
                        deviceOf.put(id, device);
                    }
                    case 2 -> {
                        if (!deviceOf.isEmpty()) {
                            String id = new ArrayList<>(deviceOf.keySet()).get(random.nextInt(deviceOf.size()));
                            workload.observe(random.nextBoolean()
                                    ? new MeshEvent.TaskFailed(0, "O", id, "lost", null)
                                    : new MeshEvent.TaskQueued(0, "O", id, "normal", 1, "busy"));
                            outstanding.merge(deviceOf.remove(id), -1, Integer::sum);
                        }
                    }
                    default -> {
                        boolean npu = random.nextBoolean();
                        double seconds = random.nextInt(20) == 0 ? -1 : random.nextDouble() * 10;
                        workload.forecast().observe(device, npu, tokens, seconds);
                        plain.observe(device, npu, tokens, seconds);
                    }
                }
            }
            assertEquals(plain.size(), workload.forecast().size());
            String prompt = "x".repeat(random.nextInt(400));
            workload.observe(new MeshEvent.AuctionOpened(0, "O", "auction", prompt, List.of(), 0));
            AuctionInfo info = workload.info("auction");
            List<Bid> bids = new ArrayList<>();
            for (int i = 0; i < devices + 2; i++) {
                bids.add(new Bid("Device_" + i, OptionalDouble.of(0.5), OptionalDouble.of(0.5), OptionalInt.empty(),
                        random.nextBoolean()));
            }
            int[] counts = new int[bids.size()];
            double[] seconds = new double[bids.size()];
            info.workOf(bids, counts, seconds);
            for (int i = 0; i < bids.size(); i++) {
                Bid b = bids.get(i);
                int expectedCount = outstanding.getOrDefault(b.deviceId(), 0);
                OptionalDouble expected = plain.expected(b.deviceId(), b.hasNpu(), Workload.tokens(prompt));
                assertEquals(expectedCount, info.outstanding(b.deviceId()), b.deviceId());
                assertEquals(expectedCount, counts[i], b.deviceId());
                assertEquals(expected, info.expectedSeconds(b.deviceId(), b.hasNpu()), b.deviceId());
                assertEquals(expected.orElse(Double.NaN), seconds[i], b.deviceId());
            }
        }
    }

    @Test
    void theDefaultWorkOfAsksTheOneByOneMethods() {
        AuctionInfo info = new AuctionInfo() {
            @Override
            public int outstanding(String deviceId) {
                return deviceId.length();
            }

            @Override
            public OptionalDouble expectedSeconds(String deviceId, boolean npu) {
                return npu ? OptionalDouble.of(1.5) : OptionalDouble.empty();
            }
        };
        List<Bid> bids = List.of(
                new Bid("A", OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), true),
                new Bid("Phone", OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), false));
        int[] counts = new int[2];
        double[] seconds = new double[2];
        info.workOf(bids, counts, seconds);
        assertEquals(1, counts[0]);
        assertEquals(5, counts[1]);
        assertEquals(1.5, seconds[0]);
        assertTrue(Double.isNaN(seconds[1]));
        AuctionInfo.NONE.workOf(bids, counts, seconds);
        assertEquals(0, counts[0] + counts[1]);
        assertTrue(Double.isNaN(seconds[0]) && Double.isNaN(seconds[1]));
    }
}
