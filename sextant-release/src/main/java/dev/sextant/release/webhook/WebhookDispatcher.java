package dev.sextant.release.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued deliveries: every poll it claims those that are due, POSTs each (signed) to its
 * webhook, and records the attempt; a failed one is tried again after {@link Backoff}, until it
 * succeeds or runs out of attempts. A receiver answers with a 2xx to acknowledge.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 50;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final WebhookStore store;
    private final WebhookTransport transport;
    private final Backoff backoff;
    private final Clock clock;
    private final RandomGenerator random;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-dispatcher").daemon().factory());
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    private WebhookDispatcher(WebhookStore store, WebhookTransport transport, Backoff backoff, Clock clock,
                              RandomGenerator random) {
        this.store = store;
        this.transport = transport;
        this.backoff = backoff;
        this.clock = clock;
        this.random = random;
    }

    /** A dispatcher polling every {@code interval}; close it to stop. */
    public static WebhookDispatcher start(WebhookStore store, WebhookTransport transport, Backoff backoff, Clock clock,
                                          RandomGenerator random, Duration interval) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(store, transport, backoff, clock, random);
        dispatcher.poller.scheduleWithFixedDelay(dispatcher::pollQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return dispatcher;
    }

    /** Sends what is due now and returns how many attempts were made. */
    public int deliverDue() {
        long now = clock.millis();
        List<Delivery> due = store.claimDue(now, now + LEASE.toMillis(), BATCH);
        List<Future<?>> sent = new ArrayList<>();
        for (Delivery delivery : due) {
            sent.add(senders.submit(() -> attempt(delivery)));
        }
        for (Future<?> future : sent) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent.size();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.error("Webhook delivery failed unexpectedly", e.getCause());
            }
        }
        return due.size();
    }

    private void attempt(Delivery delivery) {
        java.util.Optional<Webhook> found = store.get(delivery.webhookId());
        int number = delivery.attempts() + 1;
        long start = clock.millis();
        if (found.isEmpty()) {
            store.recordAttempt(new Attempt(delivery.id(), number, start, OptionalInt.empty(), "the webhook was deleted", 0),
                    Delivery.Status.FAILED, start);
            return;
        }
        Webhook webhook = found.get();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Sextant-Webhooks");
        headers.put("X-Sextant-Event", delivery.eventType());
        headers.put("X-Sextant-Delivery", delivery.id());
        headers.put("X-Sextant-Attempt", String.valueOf(number));
        headers.put(WebhookSigner.HEADER, WebhookSigner.signature(webhook.secret(), body));
        OptionalInt status = OptionalInt.empty();
        String error = "";
        try {
            status = OptionalInt.of(transport.post(webhook.url(), headers, body));
            if (status.getAsInt() / 100 != 2) {
                error = "the receiver answered " + status.getAsInt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted while sending";
        } catch (java.io.IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        long end = clock.millis();
        Attempt attempt = new Attempt(delivery.id(), number, start, status, truncate(error), end - start);
        if (attempt.succeeded()) {
            store.recordAttempt(attempt, Delivery.Status.DELIVERED, end);
        } else if (number >= backoff.maxAttempts()) {
            LOG.warn("Webhook delivery {} of {} to {} failed for good after {} attempts: {}", delivery.id(),
                    delivery.eventType(), webhook.url(), number, error);
            store.recordAttempt(attempt, Delivery.Status.FAILED, end);
        } else {
            long delay;
            synchronized (random) {
                delay = backoff.delayMillis(number, random);
            }
            store.recordAttempt(attempt, Delivery.Status.PENDING, end + delay);
        }
    }

    private void pollQuietly() {
        try {
            while (deliverDue() == BATCH) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.error("Webhook dispatch failed; retrying at the next poll", e);
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        senders.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
