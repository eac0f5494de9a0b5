-- Commission members appointed through Sala carry their voter number (one seat per person); the
-- election's sizes per tier; and the record of appointments and removals.
ALTER TABLE commission_members ADD COLUMN voter_number TEXT CHECK (voter_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]');
CREATE UNIQUE INDEX one_seat_per_person ON commission_members (voter_number) WHERE voter_number IS NOT NULL;

CREATE TABLE commission_sizes (
    level TEXT PRIMARY KEY CHECK (level IN ('national', 'provincial', 'commune', 'polling-station')),
    minimum INTEGER NOT NULL CHECK (minimum >= 1),
    maximum INTEGER NOT NULL,
    CHECK (minimum <= maximum)
) STRICT;

CREATE TABLE commission_changes (
    id INTEGER PRIMARY KEY,
    commission_id TEXT NOT NULL,
    seat INTEGER NOT NULL CHECK (seat > 0),
    action TEXT NOT NULL CHECK (action IN ('appointed', 'removed')),
    role TEXT NOT NULL CHECK (role IN ('chair', 'vice-chair', 'member')),
    name_km TEXT NOT NULL,
    name_latin TEXT NOT NULL,
    reason TEXT NOT NULL,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    recorded_at TEXT NOT NULL
) STRICT;

CREATE INDEX commission_changes_by_commission ON commission_changes (commission_id);
