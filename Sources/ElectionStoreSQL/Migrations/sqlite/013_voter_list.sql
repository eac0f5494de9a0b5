-- This election's voter list, fixed from the register after registration closed: a copy, so that
-- the register may go on changing for the next election without changing this one's lists.
CREATE TABLE voter_list (
    voter_number INTEGER PRIMARY KEY,
    station_code TEXT NOT NULL,
    name_km TEXT NOT NULL,
    name_latin TEXT NOT NULL,
    sex TEXT NOT NULL,
    birth_date TEXT NOT NULL
) STRICT;

CREATE INDEX voter_list_by_station ON voter_list (station_code);

CREATE TABLE voter_list_fixing (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    cut_off TEXT NOT NULL,
    fixed_at TEXT NOT NULL,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    voters INTEGER NOT NULL CHECK (voters >= 0)
) STRICT;
