-- +goose Up
CREATE TABLE bodies (
    id            bigserial PRIMARY KEY,
    code          text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name          text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
    name_en       text NOT NULL DEFAULT '',
    org_code      text NOT NULL UNIQUE,
    kind          text NOT NULL CHECK (kind IN ('government', 'department')),
    level         text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
    parent_id     bigint REFERENCES bodies (id),
    -- '/1/4/9/': this body and its ancestors, for "this body and everything below it".
    path          text NOT NULL DEFAULT '',
    position      int NOT NULL DEFAULT 0,
    office_name   text NOT NULL DEFAULT '',
    office_address text NOT NULL DEFAULT '',
    office_hours  text NOT NULL DEFAULT '',
    office_phone  text NOT NULL DEFAULT '',
    office_email  text NOT NULL DEFAULT '',
    office_postcode text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bodies_parent ON bodies (parent_id, position, id);
CREATE INDEX bodies_path ON bodies (path text_pattern_ops);
COMMENT ON COLUMN bodies.org_code IS '组织机构代码 (9 characters, GB 11714) or 统一社会信用代码 (18 characters, GB 32100): the prefix of the body''s index numbers (索引号)';
COMMENT ON COLUMN bodies.office_name IS '政府信息公开工作机构 (Art. 4): the disclosure office whose contacts the guide shows';

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name  text NOT NULL DEFAULT '',
    role          text NOT NULL CHECK (role IN ('admin', 'officer', 'auditor')),
    password_hash text NOT NULL DEFAULT '',
    disabled      boolean NOT NULL DEFAULT false,
    failed_logins int NOT NULL DEFAULT 0,
    locked_until  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- The bodies an officer works for; with_descendants grants everything below the body too.
CREATE TABLE user_bodies (
    user_id          bigint NOT NULL REFERENCES users (id),
    body_id          bigint NOT NULL REFERENCES bodies (id),
    with_descendants boolean NOT NULL DEFAULT false,
    PRIMARY KEY (user_id, body_id)
);

CREATE TABLE sessions (
    token_hash   bytea PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    client_addr  text NOT NULL DEFAULT '',
    user_agent   text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           bigserial PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id),
    name         text NOT NULL DEFAULT '',
    token_hash   bytea NOT NULL UNIQUE,
    prefix       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The audit log: append-only (the trigger below refuses UPDATE, DELETE and TRUNCATE) and
-- hash-chained (hash = SHA-256 of prev_hash and the event's content), so that `xxgk audit
-- verify` finds an event altered or removed behind the application's back.
CREATE TABLE audit_events (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    actor_id    bigint,
    role        text NOT NULL DEFAULT '',
    body        text NOT NULL DEFAULT '',
    action      text NOT NULL,
    target      text NOT NULL DEFAULT '',
    changes     jsonb,
    request_id  text NOT NULL DEFAULT '',
    client_addr text NOT NULL DEFAULT '',
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_body ON audit_events (body, at);
CREATE INDEX audit_events_actor ON audit_events (actor, at);
COMMENT ON TABLE audit_events IS 'Append-only, hash-chained audit log: every mutation, sign-in, token use for writes, report lock and calendar change';

-- +goose StatementBegin
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
