package dev.sextant.serving.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loaded models by package digest, least recently used first out beyond the capacity. */
final class ModelCache {
    private final int capacity;
    private final LinkedHashMap<String, CachedModel> models = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    ModelCache(int capacity) {
        this.capacity = capacity;
    }

    /** The cached model for {@code digest} with a new handle opened on it. */
    synchronized Optional<CachedModel> open(String digest) {
        CachedModel model = models.get(digest);
        if (model != null && model.openHandle()) {
            return Optional.of(model);
        }
        return Optional.empty();
    }

    /**
     * Caches {@code model} and opens a handle on it, unless another thread cached the same digest
     * first: then that one is opened and {@code model} is closed.
     */
    synchronized CachedModel putAndOpen(CachedModel model) {
        if (closed) {
            model.shutDown();
            throw ModelRuntime.shutDown();
        }
        CachedModel existing = models.get(model.digest);
        if (existing != null && existing.openHandle()) {
            model.evict();
            return existing;
        }
        models.put(model.digest, model);
        model.openHandle();
        evictBeyondCapacity();
        return model;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized int size() {
        return models.size();
    }

    synchronized boolean contains(String digest) {
        return models.containsKey(digest);
    }

    synchronized void shutDown() {
        closed = true;
        List<CachedModel> all = new ArrayList<>(models.values());
        models.clear();
        all.forEach(CachedModel::shutDown);
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<String, CachedModel>> eldest = models.entrySet().iterator();
        while (models.size() > capacity && eldest.hasNext()) {
            CachedModel model = eldest.next().getValue();
            eldest.remove();
            model.evict();
        }
    }
}
