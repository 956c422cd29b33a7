package dev.sextant.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs client loops for a warm-up period and then a measured period. */
final class Drive {

    interface Step {
        /** One request by {@code client}; {@code measuring} is false during warm-up. False ends the loop. */
        boolean run(int client, long iteration, boolean measuring) throws Exception;
    }

    private Drive() {
    }

    static void forDuration(int clients, int warmupSeconds, int seconds, Step step) throws Exception {
        long measureFrom = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long stopAt = measureFrom + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int id = client;
                loops.add(pool.submit(() -> {
                    long iteration = 0;
                    for (long now = System.nanoTime(); now < stopAt; now = System.nanoTime()) {
                        if (!step.run(id, iteration++, now >= measureFrom)) {
                            break;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
