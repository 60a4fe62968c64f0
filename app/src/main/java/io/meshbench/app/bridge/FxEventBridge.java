package io.meshbench.app.bridge;

import javafx.animation.AnimationTimer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Drives an {@link EventBatcher} from the JavaFX frame loop: once per pulse it hands every queued
 * event to the views (one batch), then lets each frame listener draw (canvases animate from it).
 * The frame probe measures the same loop.
 */
public final class FxEventBridge {

    private final EventBatcher batcher;
    private final List<LongConsumer> frameListeners = new CopyOnWriteArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            batcher.drain();
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
