-- Deployments, one script for H2 2.x and PostgreSQL. The spec and the rollout status are kept as
-- the JSON the API speaks; the versions each slot resolved to are also rows, so that the registry
-- can ask which deployments serve a version (and refuse to delete it) with an indexed query.
-- generation grows with every change: an update names the generation it read and loses to any
-- change made in between.

CREATE TABLE deployments (
    name              VARCHAR(128)   NOT NULL PRIMARY KEY,
    spec              VARCHAR(100000) NOT NULL,
    versions          VARCHAR(100000) NOT NULL,
    rollout           VARCHAR(100000) NOT NULL,
    generation        BIGINT         NOT NULL,
    creation_time     BIGINT         NOT NULL,
    last_updated_time BIGINT         NOT NULL
);

CREATE TABLE deployment_versions (
    deployment_name VARCHAR(128) NOT NULL REFERENCES deployments (name) ON DELETE CASCADE,
    slot            VARCHAR(128) NOT NULL,
    model_name      VARCHAR(256) NOT NULL,
    model_version   BIGINT       NOT NULL,
    PRIMARY KEY (deployment_name, slot)
);
CREATE INDEX deployment_versions_model_idx ON deployment_versions (model_name, model_version);
