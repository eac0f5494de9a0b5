-- An account can be disabled (it then signs in by nothing) and enabled again; a machine token can
-- expire and be revoked. Every sign-in, refused sign-in and change to an account is logged.
ALTER TABLE officials ADD COLUMN disabled_at TEXT;
ALTER TABLE machine_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE machine_tokens ADD COLUMN revoked_at TEXT;

CREATE TABLE account_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    official_id BIGINT NOT NULL REFERENCES officials (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('added', 'signed-in', 'sign-in-refused', 'signed-out', 'signed-out-everywhere',
        'password-changed', 'password-reset', 'disabled', 'enabled', 'token-added', 'token-revoked')),
    by_official_id BIGINT REFERENCES officials (id),
    client TEXT,
    detail TEXT
);

CREATE INDEX account_events_of_official ON account_events (official_id, id);
