package io.meshbench.app.bridge;

import javafx.animation.AnimationTimer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Drives an {@link EventBatcher} from the JavaFX frame loop: at most {@link #DRAINS_PER_SECOND}
 * times a second it hands every queued event to the views (one batch), and on every pulse it lets
 * each frame listener draw (canvases animate from it, each at its own bounded rate). Draining
 * less often than the pulse means a busy mesh reaches the scene graph in a few large batches
 * instead of sixty small ones: a table gets one insertion, not one per frame. The frame probe
 * measures the same loop.
 */
public final class FxEventBridge {

    /** How often the views get their batch: fast enough to look live, slow enough to batch. */
    public static final double DRAINS_PER_SECOND = 20;

    private final EventBatcher batcher;
    private final Throttle drains = new Throttle(DRAINS_PER_SECOND);
    private final List<LongConsumer> frameListeners = new CopyOnWriteArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (drains.due(now)) {
                batcher.drain();
            }
            for (LongConsumer listener : frameListeners) {
                listener.accept(now);
            }
        }
    };

    public FxEventBridge(EventBatcher batcher) {
        this.batcher = batcher;
    }

    public EventBatcher batcher() {
        return batcher;
    }

    /** Called on every frame, after the events of that frame reached the views. */
    public void onFrame(LongConsumer listener) {
        frameListeners.add(listener);
    }

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }
}
