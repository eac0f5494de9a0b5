-- The register as officials keep it: search keys on every voter, imports, changes with who
-- and when, and the queue of likely duplicates.

ALTER TABLE election ADD COLUMN citizenship TEXT NOT NULL DEFAULT 'KHM';

-- Keys of the names (NameKey of each, LatinKey of the Khmer), worked out by Sala when a
-- voter is stored. Voters stored before this migration get theirs from the data step
-- `voter_name_keys` (DataStep.swift), which Sala runs once after the migrations.
ALTER TABLE voters ADD COLUMN name_key TEXT NOT NULL DEFAULT '';

ALTER TABLE voters ADD COLUMN latin_key TEXT NOT NULL DEFAULT '';

ALTER TABLE voters ADD COLUMN latin_name_key TEXT NOT NULL DEFAULT '';

CREATE INDEX voters_by_latin_key ON voters (latin_key);

CREATE TABLE register_imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    file_digest TEXT NOT NULL CHECK (length(file_digest) = 64),
    file_size INTEGER NOT NULL CHECK (file_size >= 0),
    actor TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    bytes_read INTEGER NOT NULL DEFAULT 0 CHECK (bytes_read >= 0),
    rows_read INTEGER NOT NULL DEFAULT 0,
    added INTEGER NOT NULL DEFAULT 0,
    already_registered INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    rejects_bytes INTEGER NOT NULL DEFAULT 0,
    deferred_indexes TEXT
) STRICT;

CREATE INDEX register_imports_by_digest ON register_imports (file_digest);

CREATE TABLE register_changes (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('registered', 'moved', 'removed')),
    voter_number INTEGER NOT NULL CHECK (voter_number BETWEEN 0 AND 9999999999),
    station_code TEXT NOT NULL REFERENCES polling_stations (code),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    name_latin TEXT NOT NULL CHECK (name_latin <> ''),
    sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    birth_date TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    from_station TEXT REFERENCES polling_stations (code),
    reason TEXT NOT NULL CHECK (reason <> ''),
    official_id INTEGER NOT NULL REFERENCES officials (id),
    changed_at TEXT NOT NULL
) STRICT;

CREATE INDEX register_changes_by_voter ON register_changes (voter_number);

CREATE TABLE duplicate_cases (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    group_key TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    UNIQUE (rule, group_key)
) STRICT;

CREATE TABLE duplicate_case_voters (
    case_id INTEGER NOT NULL REFERENCES duplicate_cases (id),
    voter_number INTEGER NOT NULL CHECK (voter_number BETWEEN 0 AND 9999999999),
    station_code TEXT NOT NULL REFERENCES polling_stations (code),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    name_latin TEXT NOT NULL CHECK (name_latin <> ''),
    sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    birth_date TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    PRIMARY KEY (case_id, voter_number)
) STRICT;

CREATE INDEX duplicate_case_voters_by_station ON duplicate_case_voters (station_code);

CREATE TABLE duplicate_decisions (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES duplicate_cases (id),
    verdict TEXT NOT NULL CHECK (verdict IN ('same-person', 'different-persons', 'unsure')),
    note TEXT NOT NULL,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    decided_at TEXT NOT NULL
) STRICT;

CREATE INDEX duplicate_decisions_by_case ON duplicate_decisions (case_id, id);
