-- What the NEC changed of the geography after the election was loaded: who, when, why, before and after.
CREATE TABLE geography_changes (
    id INTEGER PRIMARY KEY,
    unit_code TEXT NOT NULL CHECK (unit_code <> ''),
    action TEXT NOT NULL CHECK (action IN ('added', 'edited', 'retired')),
    before TEXT,
    after TEXT,
    reason TEXT NOT NULL,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    recorded_at TEXT NOT NULL,
    CHECK ((action = 'added') = (before IS NULL) AND (action = 'retired') = (after IS NULL))
) STRICT;

CREATE INDEX geography_changes_by_unit ON geography_changes (unit_code);
