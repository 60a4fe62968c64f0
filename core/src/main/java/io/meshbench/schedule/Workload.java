package io.meshbench.schedule;

import io.meshbench.event.MeshEvent;
import io.meshbench.plugin.api.AuctionInfo;
import io.meshbench.plugin.api.Bid;
import io.meshbench.plugin.api.PluginContext.Cancellable;
import io.meshbench.protocol.Message;
import io.meshbench.runtime.MeshContext;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * What one orchestrator knows of the work it has handed out: the tasks outstanding at each device,
 * and a {@link Forecast} of each device's run time learnt from its results. It follows the
 * orchestrator's own events ({@code AuctionOpened}, {@code TaskAssigned}, the end of each task)
 * through {@link #watch}, so the orchestrator's task lifecycle needs no other hook; and it answers
 * strategies through {@link #info}. One per orchestrator, on its thread.
 *
 * <p>The forecast learns the seconds a task took from {@code TASK} to {@code RESULT} divided by the
 * tasks that device had before it plus one: a device that runs its tasks one after another is
 * then predicted to finish a new task in (outstanding + 1) times that, which is how strategies use it.
 */
public final class Workload {

    private record Assignment(String device, boolean npu, int tokens, int ahead) {
    }

    /** What one device has from this orchestrator: its outstanding tasks and its forecast, one look-up away. */
    private static final class DeviceWork {
        int outstanding;
        final Forecast.Device history;

        DeviceWork(Forecast.Device history) {
            this.history = history;
        }
    }

    private final Forecast forecast;
    private final Map<String, DeviceWork> devices = new HashMap<>();
    private final Map<String, Integer> promptTokens = new HashMap<>();
    private final Map<String, Assignment> assigned = new HashMap<>();

    public Workload(Forecast forecast) {
        this.forecast = forecast;
    }

    public Workload() {
        this(new Forecast());
    }

    public Forecast forecast() {
        return forecast;
    }

    /** Tasks outstanding at {@code device}. */
    public int outstanding(String device) {
        DeviceWork w = devices.get(device);
        return w == null ? 0 : w.outstanding;
    }

    /** {@code device}'s entry, made when it has none. */
    private DeviceWork work(String device) {
        DeviceWork w = devices.get(device);
        if (w == null) {
            w = new DeviceWork(forecast.device(device));
            devices.put(device, w);
        }
        return w;
    }

    /** A prompt's size in tokens, about four characters a token. */
    public static int tokens(String prompt) {
        return Math.max(1, (prompt.length() + 3) / 4);
    }

    /** What strategies may know about the auction of {@code taskId}. */
    public AuctionInfo info(String taskId) {
        int tokens = promptTokens.getOrDefault(taskId, 0);
        long seed = taskId.hashCode() * 0x9E3779B97F4A7C15L;
        int sizeClass = Forecast.sizeClass(tokens);
        return new AuctionInfo() {
            @Override
            public int promptTokens() {
                return tokens;
            }

            @Override
            public int outstanding(String deviceId) {
                return Workload.this.outstanding(deviceId);
            }

            @Override
            public OptionalDouble expectedSeconds(String deviceId, boolean npu) {
                return forecast.expectedSeconds(deviceId, npu, tokens);
            }

            @Override
            public void workOf(List<Bid> bids, int[] outstanding, double[] expectedSeconds) {
                int i = 0;
                for (Bid b : bids) {
                    DeviceWork w = work(b.deviceId());
                    outstanding[i] = w.outstanding;
                    expectedSeconds[i] = w.history.seconds(b.hasNpu(), sizeClass);
                    i++;
                }
            }

            @Override
            public long seed() {
                return seed;
            }
        };
    }

    /** Follows one event of the orchestrator. */
    public void observe(MeshEvent event) {
        switch (event) {
            case MeshEvent.AuctionOpened e -> promptTokens.put(e.taskId(), tokens(e.prompt()));
            case MeshEvent.TaskAssigned e -> {
                release(e.taskId()); // handed on to the next bidder: the first one no longer has it
                DeviceWork w = work(e.device());
                int ahead = w.outstanding++;
                assigned.put(e.taskId(), new Assignment(e.device(), e.useNpu(),
                        promptTokens.getOrDefault(e.taskId(), tokens(e.prompt())), ahead));
            }
            case MeshEvent.TaskCompleted e -> {
                Assignment a = assigned.get(e.taskId());
                if (a != null && "completed".equals(e.status()) && e.timing().execution() >= 0) {
                    forecast.observe(a.device(), a.npu(), a.tokens(), e.timing().execution() / 1e9 / (a.ahead() + 1));
                }
                end(e.taskId());
            }
            case MeshEvent.TaskFailed e -> end(e.taskId());
            case MeshEvent.TaskQueued e -> release(e.taskId()); // refused as busy: back in our queue, not at the device
            default -> {
            }
        }
    }

    private void end(String taskId) {
        release(taskId);
        promptTokens.remove(taskId);
    }

    private void release(String taskId) {
        Assignment a = assigned.remove(taskId);
        if (a != null) {
            DeviceWork w = devices.get(a.device());
            if (w != null && w.outstanding > 0) {
                w.outstanding--;
            }
        }
    }

    /** {@code context}, with every event the orchestrator emits also followed here. */
    public MeshContext watch(MeshContext context) {
        return new MeshContext() {
            @Override
            public String self() {
                return context.self();
            }

            @Override
            public long now() {
                return context.now();
            }

            @Override
            public List<String> peers() {
                return context.peers();
            }

            @Override
            public boolean isPeer(String id) {
                return context.isPeer(id);
            }

            @Override
            public int extensionLevel(String peer) {
                return context.extensionLevel(peer);
            }

            @Override
            public void send(String peer, Message message) {
                context.send(peer, message);
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable action) {
                return context.schedule(delay, action);
            }

            @Override
            public void post(Runnable action) {
                context.post(action);
            }

            @Override
            public void emit(MeshEvent event) {
                observe(event);
                context.emit(event);
            }

            @Override
            public RandomGenerator random() {
                return context.random();
            }
        };
    }
}
