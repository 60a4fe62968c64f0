package io.meshbench.plugins.llama;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;

import java.util.HashMap;
import java.util.Map;

/**
 * The models loaded in this process, one per file and settings, shared by every engine that asks
 * for the same: three simulated devices on one laptop hold one copy of the weights, not three. The
 * last engine to close one frees it (the host owns the engines' lifetime: a device node closes its
 * engine when it stops).
 */
final class SharedModels {

    /** What makes two loads the same. */
    record Key(String file, int context, int threads, int parallel) {
    }

    /** A loaded model and how many engines use it. */
    static final class Handle {
        final Key key;
        final LlamaModel model;
        private int users;

        private Handle(Key key, LlamaModel model) {
            this.key = key;
            this.model = model;
        }
    }

    private static final Map<Key, Handle> LOADED = new HashMap<>();

    private SharedModels() {
    }

    static synchronized Handle acquire(Key key) {
        Handle handle = LOADED.get(key);
        if (handle == null) {
            NativeLibrary.prepare();
            ModelParameters params = new ModelParameters()
                    .setModel(key.file())
                    .setCtxSize(key.context())
                    .setThreads(key.threads())
                    .setThreadsBatch(key.threads())
                    .setParallel(key.parallel())
                    .disableLog();
            LlamaModel model;
            try {
                model = new LlamaModel(params);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                throw new IllegalArgumentException("llama.cpp cannot load model " + key.file() + ": " + e.getMessage()
                        + "; check that it is a GGUF model file of an architecture llama.cpp runs", e);
            }
            handle = new Handle(key, model);
            LOADED.put(key, handle);
        }
        handle.users++;
        return handle;
    }

    static synchronized void release(Handle handle) {
        if (--handle.users == 0) {
            LOADED.remove(handle.key);
            handle.model.close();
        }
    }

    /** Models loaded now (for tests). */
    static synchronized int loaded() {
        return LOADED.size();
    }
}
