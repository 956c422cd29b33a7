package dev.sextant.store.jdbc;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import java.sql.SQLException;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs store work in transactions and turns database failures into {@link SextantException}s.
 * Writes that lose a race (a concurrent insert of the same key, a deadlock) are retried: the
 * retried work re-reads the state and then either succeeds or reports the client's mistake
 * (e.g. a duplicate experiment name) in its own words.
 */
final class Transactor {
    private static final int ATTEMPTS = 4;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String VALUE_TOO_LONG = "22001";
    // Serialization failure (both), PostgreSQL deadlock, H2 concurrent update.
    private static final Set<String> RETRYABLE = Set.of(UNIQUE_VIOLATION, "40001", "40P01", "HY000:90131");

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final GroupSync syncs = new GroupSync();

    Transactor(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * One read-write transaction, retried when it lost a race with another writer; when it
     * returns, the change is committed and durable. Concurrent writers share the work of making
     * their commits durable (see {@link GroupSync}).
     */
    <T> T write(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.withHandle(handle -> {
                    T result = handle.inTransaction(work);
                    syncs.sync(() -> dialect.afterWrite(handle));
                    return result;
                });
            } catch (JdbiException e) {
                if (attempt == ATTEMPTS || !isRetryable(e)) {
                    throw translate(e);
                }
            } catch (LostRace e) {
                if (attempt == ATTEMPTS) {
                    throw new SextantException(ErrorCode.RESOURCE_CONFLICT,
                            "Concurrent changes to the same entity kept conflicting; retry the request.", e);
                }
            }
        }
    }

    /**
     * Like {@link #write} but without making the commit durable: for work whose inputs are
     * durable elsewhere (the metric log) and that records how far it got in the same transaction.
     */
    <T> T writeUnforced(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(work);
            } catch (JdbiException e) {
                if (attempt == ATTEMPTS || !isRetryable(e)) {
                    throw translate(e);
                }
            } catch (LostRace e) {
                if (attempt == ATTEMPTS) {
                    throw new SextantException(ErrorCode.RESOURCE_CONFLICT,
                            "Concurrent changes to the same entity kept conflicting; retry the request.", e);
                }
            }
        }
    }

    /** Makes every commit so far durable (see {@link Dialect#afterWrite}). */
    void sync() {
        try {
            jdbi.useHandle(handle -> syncs.sync(() -> dialect.afterWrite(handle)));
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    void writeVoid(java.util.function.Consumer<Handle> work) {
        write(handle -> {
            work.accept(handle);
            return null;
        });
    }

    /**
     * Reads in one transaction. Statements see what was committed when each ran, so a read that
     * finds rows gone between two statements (a series rewritten under it) is started over.
     */
    <T> T read(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(work);
            } catch (JdbiException e) {
                throw translate(e);
            } catch (LostRace e) {
                if (attempt == ATTEMPTS) {
                    throw new SextantException(ErrorCode.RESOURCE_CONFLICT,
                            "Concurrent changes to the same entity kept conflicting; retry the request.", e);
                }
            }
        }
    }

    /** Thrown by work that found the state it read changed under it; the transaction is retried. */
    static final class LostRace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostRace() {
            super("lost a race with a concurrent writer", null, false, false);
        }
    }

    private static boolean isRetryable(Throwable e) {
        SQLException sql = sqlCause(e);
        return sql != null && (RETRYABLE.contains(sql.getSQLState())
                || RETRYABLE.contains(sql.getSQLState() + ":" + sql.getErrorCode()));
    }

    private static SextantException translate(JdbiException e) {
        SQLException sql = sqlCause(e);
        if (sql != null && VALUE_TOO_LONG.equals(sql.getSQLState())) {
            return SextantException.invalid("A value is longer than the metadata store accepts for its field.");
        }
        if (sql != null && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
            return new SextantException(ErrorCode.RESOURCE_CONFLICT,
                    "Concurrent changes to the same entity kept conflicting; retry the request.", e);
        }
        return new SextantException(ErrorCode.INTERNAL_ERROR, "Metadata database failure: " + e.getMessage(), e);
    }

    /** The most specific SQLException in the chain (batch failures hide it behind getNextException). */
    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                SQLException next = sql.getNextException();
                return next != null && next.getSQLState() != null && sql.getSQLState() == null ? next : sql;
            }
        }
        return null;
    }
}
