CREATE TABLE officials (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (name <> ''),
    role TEXT NOT NULL CHECK (role IN ('nec-administrator', 'provincial-official', 'commune-official', 'station-official')),
    unit_code TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (length(unit_code) = CASE role WHEN 'nec-administrator' THEN 0 WHEN 'provincial-official' THEN 2
        WHEN 'commune-official' THEN 6 ELSE 9 END)
);

CREATE TABLE sessions (
    token_digest TEXT PRIMARY KEY,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    csrf_token TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE machine_tokens (
    token_digest TEXT PRIMARY KEY,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    label TEXT NOT NULL,
    created_at TEXT NOT NULL
);
