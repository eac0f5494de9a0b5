-- What the current election elects; and the elections before it, each kept whole as the record
-- of its published figures (docs/election-bundle.md, "Election records").
ALTER TABLE election ADD COLUMN kind TEXT NOT NULL DEFAULT 'national-assembly' CHECK (kind <> '');

CREATE TABLE election_records (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    kind TEXT NOT NULL CHECK (kind <> ''),
    name_en TEXT NOT NULL CHECK (name_en <> ''),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    election_day TEXT NOT NULL CHECK (election_day ~ '^[0-9]{4}-[01][0-9]-[0-3][0-9]$'),
    status TEXT NOT NULL CHECK (status IN ('counting', 'provisional', 'official')),
    content TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
