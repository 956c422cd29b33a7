-- Security: API tokens (only a hash of the secret is kept), per-resource grants, and the
-- hash-chained audit log. Same SQL for H2 2.x and PostgreSQL.

CREATE TABLE api_tokens (
    token_id     VARCHAR(32)   NOT NULL PRIMARY KEY,
    name         VARCHAR(200)  NOT NULL,
    role         VARCHAR(32)   NOT NULL,
    domain       VARCHAR(200)  NOT NULL,
    scopes       VARCHAR(4000) NOT NULL,
    secret_hash  VARCHAR(64)   NOT NULL,
    created_at   BIGINT        NOT NULL,
    expires_at   BIGINT        NOT NULL,
    revoked_at   BIGINT,
    created_by   VARCHAR(200)  NOT NULL
);
CREATE INDEX api_tokens_name_idx ON api_tokens (name);

CREATE TABLE resource_grants (
    principal    VARCHAR(200)  NOT NULL,
    kind         VARCHAR(32)   NOT NULL,
    resource_id  VARCHAR(500)  NOT NULL,
    permission   VARCHAR(16)   NOT NULL,
    PRIMARY KEY (principal, kind, resource_id)
);

CREATE TABLE audit_log (
    seq           BIGINT         NOT NULL PRIMARY KEY,
    event_time    BIGINT         NOT NULL,
    actor         VARCHAR(200)   NOT NULL,
    action        VARCHAR(100)   NOT NULL,
    entity_type   VARCHAR(64)    NOT NULL,
    entity_id     VARCHAR(1000)  NOT NULL,
    before_state  TEXT           NOT NULL,
    after_state   TEXT           NOT NULL,
    request_id    VARCHAR(128)   NOT NULL,
    previous_hash VARCHAR(64)    NOT NULL,
    entry_hash    VARCHAR(64)    NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq);

-- One row: the last appended entry. Appends lock it, which serialises them across servers, and
-- verification compares the chain's end with it, which finds entries cut from the end.
CREATE TABLE audit_head (
    id          INTEGER      NOT NULL PRIMARY KEY,
    last_seq    BIGINT       NOT NULL,
    last_hash   VARCHAR(64)  NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Ed25519 signatures over model package digests (see dev.sextant.registry.signing): kept by digest,
-- so they follow the bytes, not a model's name.
CREATE TABLE package_signatures (
    package_digest VARCHAR(100)  NOT NULL,
    key_id         VARCHAR(64)   NOT NULL,
    algorithm      VARCHAR(16)   NOT NULL,
    signature      VARCHAR(200)  NOT NULL,
    signer         VARCHAR(200)  NOT NULL,
    created_at     BIGINT        NOT NULL,
    PRIMARY KEY (package_digest, key_id)
);
