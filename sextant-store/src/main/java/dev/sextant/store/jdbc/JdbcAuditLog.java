package dev.sextant.store.jdbc;

import dev.sextant.api.audit.AuditChain;
import dev.sextant.api.audit.AuditEntry;
import dev.sextant.api.audit.AuditEvent;
import dev.sextant.api.audit.AuditHead;
import dev.sextant.api.audit.AuditLog;
import dev.sextant.api.audit.AuditQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit log in {@code audit_log}, chained through {@code audit_head}: an append locks the head
 * row, chains to its hash, inserts the entry and moves the head, all in one transaction, so
 * appends from several servers on one database still form a single chain.
 */
final class JdbcAuditLog implements AuditLog {
    private static final String COLUMNS = "seq, event_time, actor, action, entity_type, entity_id, before_state,"
            + " after_state, request_id, previous_hash, entry_hash";
    private static final int STREAM_PAGE = 500;

    private final Transactor tx;

    JdbcAuditLog(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public AuditEntry append(AuditEvent event, Instant at) {
        Instant time = Instant.ofEpochMilli(at.toEpochMilli());
        return tx.write(handle -> {
            AuditHead head = handle.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
                    .map((rs, ctx) -> new AuditHead(rs.getLong(1), rs.getString(2)))
                    .one();
            String hash = AuditChain.hash(time, event, head.hash());
            AuditEntry entry = new AuditEntry(head.seq() + 1, time, event, head.hash(), hash);
            handle.createUpdate("INSERT INTO audit_log (" + COLUMNS + ") VALUES (:seq, :time, :actor, :action, :type,"
                            + " :id, :before, :after, :request, :previous, :hash)")
                    .bind("seq", entry.seq())
                    .bind("time", time.toEpochMilli())
                    .bind("actor", event.actor())
                    .bind("action", event.action())
                    .bind("type", event.entityType())
                    .bind("id", event.entityId())
                    .bind("before", event.before())
                    .bind("after", event.after())
                    .bind("request", event.requestId())
                    .bind("previous", head.hash())
                    .bind("hash", hash)
                    .execute();
            handle.createUpdate("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
                    .bind("seq", entry.seq())
                    .bind("hash", hash)
                    .execute();
            return entry;
        });
    }

    @Override
    public List<AuditEntry> list(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE seq > :after");
        if (query.beforeSeq() != Long.MAX_VALUE) {
            sql.append(" AND seq < :before");
        }
        if (query.sinceMillis() != Long.MIN_VALUE) {
            sql.append(" AND event_time >= :since");
        }
        if (query.untilMillis() != Long.MAX_VALUE) {
            sql.append(" AND event_time < :until");
        }
        if (!query.entityType().isEmpty()) {
            sql.append(" AND entity_type = :type");
        }
        if (!query.entityId().isEmpty()) {
            sql.append(" AND entity_id = :id");
        }
        if (!query.actor().isEmpty()) {
            sql.append(" AND actor = :actor");
        }
        sql.append(query.newestFirst() ? " ORDER BY seq DESC" : " ORDER BY seq").append(" LIMIT :limit");
        return tx.read(handle -> {
            var statement = handle.createQuery(sql.toString())
                    .bind("after", query.afterSeq())
                    .bind("limit", query.limit());
            if (query.beforeSeq() != Long.MAX_VALUE) {
                statement.bind("before", query.beforeSeq());
            }
            if (query.sinceMillis() != Long.MIN_VALUE) {
                statement.bind("since", query.sinceMillis());
            }
            if (query.untilMillis() != Long.MAX_VALUE) {
                statement.bind("until", query.untilMillis());
            }
            bindIfSet(statement, "type", query.entityType());
            bindIfSet(statement, "id", query.entityId());
            bindIfSet(statement, "actor", query.actor());
            return statement.map((rs, ctx) -> entry(rs)).list();
        });
    }

    private static void bindIfSet(org.jdbi.v3.core.statement.Query statement, String name, String value) {
        if (!value.isEmpty()) {
            statement.bind(name, value);
        }
    }

    @Override
    public void forEach(Consumer<AuditEntry> sink) {
        long after = Long.MIN_VALUE;
        while (true) {
            long from = after;
            List<AuditEntry> page = tx.read(handle -> handle.createQuery("SELECT " + COLUMNS
                            + " FROM audit_log WHERE seq > :after ORDER BY seq LIMIT " + STREAM_PAGE)
                    .bind("after", from)
                    .map((rs, ctx) -> entry(rs))
                    .list());
            page.forEach(sink);
            if (page.size() < STREAM_PAGE) {
                return;
            }
            after = page.getLast().seq();
        }
    }

    @Override
    public Optional<AuditHead> head() {
        return tx.read(handle -> handle.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
                .map((rs, ctx) -> new AuditHead(rs.getLong(1), rs.getString(2)))
                .findFirst());
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        AuditEvent event = new AuditEvent(rs.getString("actor"), rs.getString("action"), rs.getString("entity_type"),
                rs.getString("entity_id"), rs.getString("before_state"), rs.getString("after_state"),
                rs.getString("request_id"));
        return new AuditEntry(rs.getLong("seq"), Instant.ofEpochMilli(rs.getLong("event_time")), event,
                rs.getString("previous_hash"), rs.getString("entry_hash"));
    }
}
