-- Tracking schema with MLflow semantics. One script for H2 2.x and PostgreSQL 15, so only
-- portable types: BIGINT, DOUBLE PRECISION, VARCHAR(n), TEXT (a VARCHAR on both).
-- Tables written on every log-batch (metric_chunks, latest_metrics, params, run_tags) carry no foreign
-- keys: the store checks the run once per batch, and runs are never hard-deleted.

CREATE SEQUENCE experiment_id_seq START WITH 1;

CREATE TABLE experiments (
    experiment_id     BIGINT         NOT NULL PRIMARY KEY,
    name              VARCHAR(500)   NOT NULL,
    artifact_location VARCHAR(4000)  NOT NULL,
    lifecycle_stage   VARCHAR(16)    NOT NULL,
    creation_time     BIGINT         NOT NULL,
    last_update_time  BIGINT         NOT NULL,
    CONSTRAINT experiments_name_uk UNIQUE (name)
);
CREATE INDEX experiments_creation_idx ON experiments (creation_time, experiment_id);

CREATE TABLE experiment_tags (
    experiment_id BIGINT         NOT NULL REFERENCES experiments (experiment_id),
    tag_key       VARCHAR(250)   NOT NULL,
    tag_value     VARCHAR(20000) NOT NULL,
    PRIMARY KEY (experiment_id, tag_key)
);

CREATE TABLE runs (
    run_id          VARCHAR(32)   NOT NULL PRIMARY KEY,
    experiment_id   BIGINT        NOT NULL REFERENCES experiments (experiment_id),
    run_name        VARCHAR(8000) NOT NULL,
    user_id         VARCHAR(1000) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    start_time      BIGINT        NOT NULL,
    end_time        BIGINT,
    artifact_uri    VARCHAR(4000) NOT NULL,
    lifecycle_stage VARCHAR(16)   NOT NULL,
    deleted_time    BIGINT
);
CREATE INDEX runs_experiment_idx ON runs (experiment_id, lifecycle_stage, start_time);

-- value_hash is a 64-bit hash of the value (see ValueHash): equality search goes through a small
-- fixed-width index, since PostgreSQL cannot index values of several kilobytes.
CREATE TABLE params (
    run_id      VARCHAR(32)   NOT NULL,
    param_key   VARCHAR(250)  NOT NULL,
    param_value VARCHAR(8000) NOT NULL,
    value_hash  BIGINT        NOT NULL,
    PRIMARY KEY (run_id, param_key)
);
CREATE INDEX params_key_value_idx ON params (param_key, value_hash);

CREATE TABLE run_tags (
    run_id     VARCHAR(32)   NOT NULL,
    tag_key    VARCHAR(250)  NOT NULL,
    tag_value  VARCHAR(8000) NOT NULL,
    value_hash BIGINT        NOT NULL,
    PRIMARY KEY (run_id, tag_key)
);
CREATE INDEX run_tags_key_value_idx ON run_tags (tag_key, value_hash);

-- Metric history is kept in chunks: one row holds up to a few thousand points of one series
-- (run, key), packed as big-endian (step BIGINT, timestamp BIGINT, value DOUBLE) triples sorted
-- by (step, timestamp, value). A row per point costs H2 several milliseconds per 1,000 points;
-- a chunk row costs a fraction of that. Chunks of a series never overlap, so reading in order
-- is reading chunk after chunk (see MetricChunks).
CREATE TABLE metric_chunks (
    run_id          VARCHAR(32)      NOT NULL,
    metric_key      VARCHAR(250)     NOT NULL,
    chunk_seq       BIGINT           NOT NULL,
    first_step      BIGINT           NOT NULL,
    first_timestamp BIGINT           NOT NULL,
    first_value     DOUBLE PRECISION NOT NULL,
    last_step       BIGINT           NOT NULL,
    last_timestamp  BIGINT           NOT NULL,
    last_value      DOUBLE PRECISION NOT NULL,
    point_count     INT              NOT NULL,
    points          BYTEA            NOT NULL,
    PRIMARY KEY (run_id, metric_key, chunk_seq)
);

-- One row per series: the value the run reports for the key (Metric.supersedes, which is also
-- the last point in history order), used by get and search, plus the series' chunk bookkeeping.
CREATE TABLE latest_metrics (
    run_id           VARCHAR(32)      NOT NULL,
    metric_key       VARCHAR(250)     NOT NULL,
    step             BIGINT           NOT NULL,
    metric_timestamp BIGINT           NOT NULL,
    metric_value     DOUBLE PRECISION NOT NULL,
    next_chunk_seq   BIGINT           NOT NULL,
    tail_chunk_seq   BIGINT           NOT NULL,
    tail_points      INT              NOT NULL,
    PRIMARY KEY (run_id, metric_key)
);
CREATE INDEX latest_metrics_key_value_idx ON latest_metrics (metric_key, metric_value);

CREATE TABLE datasets (
    dataset_id      VARCHAR(36)    NOT NULL PRIMARY KEY,
    experiment_id   BIGINT         NOT NULL REFERENCES experiments (experiment_id),
    name            VARCHAR(500)   NOT NULL,
    digest          VARCHAR(36)    NOT NULL,
    source_type     VARCHAR(36)    NOT NULL,
    dataset_source  VARCHAR(65535) NOT NULL,
    dataset_schema  TEXT           NOT NULL,
    dataset_profile TEXT           NOT NULL,
    CONSTRAINT datasets_name_digest_uk UNIQUE (experiment_id, name, digest)
);

CREATE TABLE run_inputs (
    input_id   VARCHAR(36) NOT NULL PRIMARY KEY,
    run_id     VARCHAR(32) NOT NULL REFERENCES runs (run_id),
    dataset_id VARCHAR(36) NOT NULL REFERENCES datasets (dataset_id),
    CONSTRAINT run_inputs_uk UNIQUE (run_id, dataset_id)
);

CREATE TABLE input_tags (
    input_id  VARCHAR(36)  NOT NULL REFERENCES run_inputs (input_id),
    tag_key   VARCHAR(255) NOT NULL,
    tag_value VARCHAR(500) NOT NULL,
    PRIMARY KEY (input_id, tag_key)
);
