package dev.sextant.store.jdbc;

import dev.sextant.release.webhook.Attempt;
import dev.sextant.release.webhook.Delivery;
import dev.sextant.release.webhook.Webhook;
import dev.sextant.release.webhook.WebhookStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Webhooks and the delivery outbox. Claiming is a conditional update per delivery (pending, due,
 * not held): of servers racing for one delivery exactly one update matches, on either database.
 */
final class JdbcWebhookStore implements WebhookStore {
    private static final String WEBHOOK_COLUMNS = "webhook_id, url, secret, events, model_name, creation_time, created_by";
    private static final String DELIVERY_COLUMNS = "delivery_id, webhook_id, event_id, event_type, payload, status,"
            + " attempts, next_attempt_time, last_status_code, last_error, creation_time, delivered_time";

    private final Transactor tx;

    JdbcWebhookStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void create(Webhook webhook) {
        tx.writeVoid(handle -> handle.createUpdate("INSERT INTO webhooks (" + WEBHOOK_COLUMNS + ") VALUES (:id, :url,"
                        + " :secret, :events, :model, :time, :by)")
                .bind("id", webhook.id()).bind("url", webhook.url()).bind("secret", webhook.secret())
                .bind("events", String.join(",", webhook.events())).bind("model", webhook.model())
                .bind("time", webhook.createdAt()).bind("by", webhook.createdBy()).execute());
    }

    @Override
    public List<Webhook> list() {
        return tx.read(handle -> handle.createQuery("SELECT " + WEBHOOK_COLUMNS + " FROM webhooks ORDER BY creation_time,"
                + " webhook_id").map((rs, ctx) -> webhook(rs)).list());
    }

    @Override
    public Optional<Webhook> get(String id) {
        return tx.read(handle -> handle.createQuery("SELECT " + WEBHOOK_COLUMNS + " FROM webhooks WHERE webhook_id = :id")
                .bind("id", id).map((rs, ctx) -> webhook(rs)).findOne());
    }

    @Override
    public boolean delete(String id) {
        return tx.write(handle -> {
            handle.createUpdate("UPDATE webhook_deliveries SET status = :failed, last_error = :why WHERE webhook_id = :id"
                            + " AND status = :pending")
                    .bind("failed", Delivery.Status.FAILED.name()).bind("why", "the webhook was deleted")
                    .bind("id", id).bind("pending", Delivery.Status.PENDING.name()).execute();
            return handle.createUpdate("DELETE FROM webhooks WHERE webhook_id = :id").bind("id", id).execute() > 0;
        });
    }

    @Override
    public void enqueue(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        tx.writeVoid(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id,"
                    + " event_type, payload, status, attempts, next_attempt_time, lease_until, last_status_code, last_error,"
                    + " creation_time, delivered_time) VALUES (:id, :webhook, :event, :type, :payload, :status, 0, :next, 0,"
                    + " NULL, '', :time, NULL)");
            for (Delivery d : deliveries) {
                batch.bind("id", d.id()).bind("webhook", d.webhookId()).bind("event", d.eventId())
                        .bind("type", d.eventType()).bind("payload", d.payload()).bind("status", d.status().name())
                        .bind("next", d.nextAttemptAt()).bind("time", d.createdAt()).add();
            }
            batch.execute();
        });
    }

    @Override
    public List<Delivery> claimDue(long now, long leaseUntil, int limit) {
        List<String> candidates = tx.read(handle -> handle.createQuery("SELECT delivery_id FROM webhook_deliveries"
                        + " WHERE status = :pending AND next_attempt_time <= :now AND lease_until <= :now"
                        + " ORDER BY next_attempt_time LIMIT :limit")
                .bind("pending", Delivery.Status.PENDING.name()).bind("now", now).bind("limit", limit)
                .mapTo(String.class).list());
        List<Delivery> claimed = new ArrayList<>();
        for (String id : candidates) {
            boolean mine = tx.write(handle -> handle.createUpdate("UPDATE webhook_deliveries SET lease_until = :lease"
                            + " WHERE delivery_id = :id AND status = :pending AND next_attempt_time <= :now"
                            + " AND lease_until <= :now")
                    .bind("lease", leaseUntil).bind("id", id).bind("pending", Delivery.Status.PENDING.name())
                    .bind("now", now).execute() == 1);
            if (mine) {
                delivery(id).ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    @Override
    public void recordAttempt(Attempt attempt, Delivery.Status status, long nextAttemptAt) {
        tx.writeVoid(handle -> {
            handle.createUpdate("INSERT INTO webhook_attempts (delivery_id, attempt, attempt_time, status_code, error,"
                            + " duration_ms) VALUES (:id, :number, :at, :code, :error, :duration)")
                    .bind("id", attempt.deliveryId()).bind("number", attempt.number()).bind("at", attempt.at())
                    .bind("code", attempt.statusCode().isPresent() ? Integer.valueOf(attempt.statusCode().getAsInt()) : null)
                    .bind("error", attempt.error()).bind("duration", attempt.durationMillis()).execute();
            handle.createUpdate("UPDATE webhook_deliveries SET status = :status, attempts = :number, next_attempt_time ="
                            + " :next, lease_until = 0, last_status_code = :code, last_error = :error, delivered_time ="
                            + " :delivered WHERE delivery_id = :id")
                    .bind("status", status.name()).bind("number", attempt.number()).bind("next", nextAttemptAt)
                    .bind("code", attempt.statusCode().isPresent() ? Integer.valueOf(attempt.statusCode().getAsInt()) : null)
                    .bind("error", attempt.error())
                    .bind("delivered", status == Delivery.Status.DELIVERED ? Long.valueOf(nextAttemptAt) : null)
                    .bind("id", attempt.deliveryId()).execute();
        });
    }

    @Override
    public List<Delivery> deliveries(String webhookId, int limit) {
        return tx.read(handle -> handle.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries"
                        + " WHERE webhook_id = :id ORDER BY creation_time DESC, delivery_id LIMIT :limit")
                .bind("id", webhookId).bind("limit", limit).map((rs, ctx) -> delivery(rs)).list());
    }

    @Override
    public Optional<Delivery> delivery(String id) {
        return tx.read(handle -> handle.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries"
                + " WHERE delivery_id = :id").bind("id", id).map((rs, ctx) -> delivery(rs)).findOne());
    }

    @Override
    public List<Attempt> attempts(String deliveryId) {
        return tx.read(handle -> handle.createQuery("SELECT delivery_id, attempt, attempt_time, status_code, error,"
                        + " duration_ms FROM webhook_attempts WHERE delivery_id = :id ORDER BY attempt")
                .bind("id", deliveryId).map((rs, ctx) -> {
                    int code = rs.getInt("status_code");
                    OptionalInt status = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(code);
                    return new Attempt(rs.getString("delivery_id"), rs.getInt("attempt"), rs.getLong("attempt_time"),
                            status, rs.getString("error"), rs.getLong("duration_ms"));
                }).list());
    }

    private static Webhook webhook(ResultSet rs) throws SQLException {
        String events = rs.getString("events");
        return new Webhook(rs.getString("webhook_id"), rs.getString("url"),
                events.isEmpty() ? List.of() : Arrays.asList(events.split(",")), rs.getString("model_name"),
                rs.getString("secret"), rs.getLong("creation_time"), rs.getString("created_by"));
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        int code = rs.getInt("last_status_code");
        OptionalInt lastStatus = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(code);
        long delivered = rs.getLong("delivered_time");
        OptionalLong deliveredAt = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(delivered);
        return new Delivery(rs.getString("delivery_id"), rs.getString("webhook_id"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getString("payload"), Delivery.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), rs.getLong("next_attempt_time"), lastStatus, rs.getString("last_error"),
                rs.getLong("creation_time"), deliveredAt);
    }
}
