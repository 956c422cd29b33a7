package dev.sextant.server.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Holds training workers until the test opens it, counting those that arrived. */
final class WorkerGate {
    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicInteger arrived = new AtomicInteger();

    void arrive() {
        arrived.incrementAndGet();
        try {
            if (!open.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void awaitArrivals(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (arrived.get() < count) {
            assertThat(System.nanoTime()).as("a worker reached the gate").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    void open() {
        open.countDown();
    }
}
