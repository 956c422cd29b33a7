-- Applying the metric log must not depend on the database surviving a killed process with whole
-- transactions: after a crash the file may hold some row changes of an apply transaction whose
-- metric_log.applied_offset update was lost. Every change such a transaction makes to chunk rows
-- is therefore stamped with the log offset it applies up to, so that opening the store can undo
-- exactly the changes beyond the recorded applied offset before it replays the log from there
-- (see MetricLogRecovery). Rows written straight (PostgreSQL, in-memory H2) keep offset 0.
--   log_offset:    the apply that inserted the row; rows beyond applied_offset are deleted.
--   superseded_at: the apply that replaced the chunk; it is dead from then on, revived when that
--                  apply is undone, and deleted for good once that apply is known to be on disk.
ALTER TABLE metric_chunks ADD COLUMN log_offset BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE metric_chunks ADD COLUMN superseded_at BIGINT;
ALTER TABLE metric_chunk_points ADD COLUMN log_offset BIGINT DEFAULT 0 NOT NULL;
-- latest_metrics is derived from the chunks; a row stamped beyond applied_offset is rebuilt.
ALTER TABLE latest_metrics ADD COLUMN log_offset BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX metric_chunks_log_offset_idx ON metric_chunks (log_offset);
CREATE INDEX metric_chunks_superseded_idx ON metric_chunks (superseded_at);
CREATE INDEX metric_chunk_points_log_offset_idx ON metric_chunk_points (log_offset);
