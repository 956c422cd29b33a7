package dev.sextant.store.jdbc;

import dev.sextant.tracking.RunInfo;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Run rows as last read, for the checks every logging request makes (does the run exist, is it
 * active). Only sound when every change to runs goes through the store that owns the cache, as
 * with the embedded database, which one process holds.
 *
 * <p>Writers call {@link #changed} after their change commits. A reader that loaded a row while a
 * change was committing may put the old row in after the change evicted it; the generation
 * counter, bumped by every change before it evicts, tells that reader to take its row out again.
 */
final class RunInfoCache {
    private static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, RunInfo> runs = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    Optional<RunInfo> get(String runId, Supplier<Optional<RunInfo>> load) {
        RunInfo cached = runs.get(runId);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = generation.get();
        Optional<RunInfo> loaded = load.get();
        loaded.ifPresent(info -> {
            if (runs.size() >= MAX_ENTRIES) {
                runs.clear();
            }
            runs.put(runId, info);
            if (generation.get() != before) {
                runs.remove(runId, info);
            }
        });
        return loaded;
    }

    /** Call after a change to the run has committed. */
    void changed(String runId) {
        generation.incrementAndGet();
        runs.remove(runId);
    }

    /** Call after a change to any number of runs has committed. */
    void changedAll() {
        generation.incrementAndGet();
        runs.clear();
    }
}
