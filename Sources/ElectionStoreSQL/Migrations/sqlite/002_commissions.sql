CREATE TABLE commissions (
    id TEXT PRIMARY KEY,
    level TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'commune', 'polling-station')),
    unit_code TEXT NOT NULL,
    name_en TEXT NOT NULL CHECK (name_en <> ''),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    UNIQUE (level, unit_code)
) STRICT;

CREATE TABLE commission_members (
    commission_id TEXT NOT NULL REFERENCES commissions (id),
    seat INTEGER NOT NULL CHECK (seat > 0),
    role TEXT NOT NULL CHECK (role IN ('chair', 'vice-chair', 'member')),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    name_latin TEXT NOT NULL CHECK (name_latin <> ''),
    sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    PRIMARY KEY (commission_id, seat)
) STRICT;

CREATE UNIQUE INDEX one_chair_per_commission ON commission_members (commission_id) WHERE role = 'chair';
