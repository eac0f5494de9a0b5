CREATE TABLE parties (
    id INTEGER PRIMARY KEY CHECK (id > 0),
    name_en TEXT NOT NULL UNIQUE CHECK (name_en <> ''),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    abbreviation TEXT NOT NULL
) STRICT;

CREATE TABLE candidates (
    party_id INTEGER NOT NULL REFERENCES parties (id),
    constituency_code TEXT NOT NULL REFERENCES constituencies (code),
    list_position INTEGER NOT NULL CHECK (list_position > 0),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    name_latin TEXT NOT NULL CHECK (name_latin <> ''),
    sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    birth_date TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    PRIMARY KEY (party_id, constituency_code, list_position)
) STRICT;
