-- Out-of-order metric points are written as layers of chunks instead of being merged into the
-- chunks that cover them (see Layers): chunks of one layer never overlap, layers may. Existing
-- chunks form the base layer 0. latest_metrics keeps each series' layer sizes (NULL until the
-- series is next written: the store then counts them once).
ALTER TABLE metric_chunks ADD COLUMN chunk_layer BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE latest_metrics ADD COLUMN layer_sizes BYTEA;

-- The packed points move to a table of their own: listing a series' chunks, which every history
-- read and every layer merge does, then reads a few small rows instead of every chunk's points,
-- and moving a chunk to another layer does not rewrite its points. encoding 0 is the original
-- packing (big-endian step, timestamp, value triples), 1 the compact one (see ChunkCodec).
CREATE TABLE metric_chunk_points (
    run_id     VARCHAR(32)  NOT NULL,
    metric_key VARCHAR(250) NOT NULL,
    chunk_seq  BIGINT       NOT NULL,
    encoding   SMALLINT     NOT NULL,
    points     BYTEA        NOT NULL,
    PRIMARY KEY (run_id, metric_key, chunk_seq)
);
INSERT INTO metric_chunk_points (run_id, metric_key, chunk_seq, encoding, points)
    SELECT run_id, metric_key, chunk_seq, 0, points FROM metric_chunks;
ALTER TABLE metric_chunks DROP COLUMN points;
