-- The election's local time and its rule for reserve candidates; the calendar and the deadlines
-- the NEC moved; party applications, agents, list submissions, changes to locked lists, and the
-- ballot draws.
ALTER TABLE election ADD COLUMN utc_offset_minutes INTEGER NOT NULL DEFAULT 0 CHECK (utc_offset_minutes BETWEEN -720 AND 840);
ALTER TABLE election ADD COLUMN minimum_reserve_candidates INTEGER NOT NULL DEFAULT 0 CHECK (minimum_reserve_candidates >= 0);
ALTER TABLE election ADD COLUMN maximum_reserve_candidates INTEGER NOT NULL DEFAULT 0 CHECK (maximum_reserve_candidates >= 0);

ALTER TABLE candidates ADD COLUMN voter_number TEXT CHECK (voter_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]');
CREATE UNIQUE INDEX one_list_per_voter ON candidates (voter_number) WHERE voter_number IS NOT NULL;

CREATE TABLE calendar (
    milestone TEXT PRIMARY KEY CHECK (milestone <> ''),
    opens TEXT NOT NULL CHECK (opens GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    closes TEXT NOT NULL CHECK (closes GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    CHECK (opens <= closes)
) STRICT;

CREATE TABLE deadline_overrides (
    id INTEGER PRIMARY KEY,
    milestone TEXT NOT NULL REFERENCES calendar (milestone),
    closes TEXT NOT NULL CHECK (closes GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    reason TEXT NOT NULL CHECK (reason <> ''),
    official_id INTEGER NOT NULL REFERENCES officials (id),
    recorded_at TEXT NOT NULL
) STRICT;

CREATE TABLE party_applications (
    id INTEGER PRIMARY KEY,
    name_en TEXT NOT NULL CHECK (name_en <> ''),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    abbreviation TEXT NOT NULL,
    leader TEXT NOT NULL CHECK (leader <> ''),
    contact TEXT NOT NULL CHECK (contact <> ''),
    filed_by INTEGER NOT NULL REFERENCES officials (id),
    filed_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'registered', 'rejected')),
    party_id INTEGER REFERENCES parties (id),
    decision_reason TEXT,
    decided_by INTEGER REFERENCES officials (id),
    decided_at TEXT,
    CHECK ((status = 'registered') = (party_id IS NOT NULL)),
    CHECK ((status = 'pending') = (decided_at IS NULL))
) STRICT;

CREATE TABLE party_agents (
    token_digest TEXT PRIMARY KEY,
    party_id INTEGER NOT NULL REFERENCES parties (id),
    name TEXT NOT NULL CHECK (name <> ''),
    issued_by INTEGER NOT NULL REFERENCES officials (id),
    issued_at TEXT NOT NULL
) STRICT;

CREATE TABLE list_submissions (
    id INTEGER PRIMARY KEY,
    party_id INTEGER NOT NULL REFERENCES parties (id),
    constituency_code TEXT NOT NULL REFERENCES constituencies (code),
    candidates INTEGER NOT NULL CHECK (candidates > 0),
    submitted_by TEXT NOT NULL CHECK (submitted_by <> ''),
    submitted_at TEXT NOT NULL
) STRICT;

CREATE TABLE candidate_changes (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('withdrawn', 'replaced')),
    party_id INTEGER NOT NULL REFERENCES parties (id),
    constituency_code TEXT NOT NULL REFERENCES constituencies (code),
    list_position INTEGER NOT NULL CHECK (list_position > 0),
    former_name_km TEXT NOT NULL,
    former_name_latin TEXT NOT NULL,
    replacement_name_km TEXT,
    replacement_name_latin TEXT,
    reason TEXT NOT NULL CHECK (reason <> ''),
    official_id INTEGER NOT NULL REFERENCES officials (id),
    recorded_at TEXT NOT NULL,
    CHECK ((kind = 'replaced') = (replacement_name_km IS NOT NULL))
) STRICT;

CREATE TABLE ballot_draws (
    id INTEGER PRIMARY KEY,
    seed TEXT NOT NULL,
    parties TEXT NOT NULL,
    ballot_order TEXT NOT NULL,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    drawn_at TEXT NOT NULL
) STRICT;
