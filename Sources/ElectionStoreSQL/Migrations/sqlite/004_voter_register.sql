CREATE TABLE voters (
    voter_number INTEGER PRIMARY KEY CHECK (voter_number BETWEEN 0 AND 9999999999),
    station_code TEXT NOT NULL REFERENCES polling_stations (code),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    name_latin TEXT NOT NULL CHECK (name_latin <> ''),
    sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    birth_date TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
) STRICT;

CREATE INDEX voters_by_birth_date ON voters (birth_date);

CREATE INDEX voters_by_station ON voters (station_code);
