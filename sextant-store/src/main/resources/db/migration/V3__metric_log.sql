-- The embedded store acknowledges metric points once they are in its metric log (files next to
-- the database) and applies them here in large transactions. This row says how far the log has
-- been applied; it is updated in the same transaction as the points it covers. Unused on
-- PostgreSQL, which takes every write directly.
CREATE TABLE metric_log (
    log_id         INT    NOT NULL PRIMARY KEY,
    applied_offset BIGINT NOT NULL
);
