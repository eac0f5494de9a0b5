CREATE TABLE election (
    id TEXT PRIMARY KEY,
    singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    name_en TEXT NOT NULL,
    name_km TEXT NOT NULL,
    election_day TEXT NOT NULL CHECK (election_day ~ '^[0-9]{4}-[01][0-9]-[0-3][0-9]$'),
    polls_open TEXT NOT NULL,
    polls_close TEXT NOT NULL,
    seats INTEGER NOT NULL CHECK (seats > 0),
    seat_method TEXT NOT NULL,
    minimum_voting_age INTEGER NOT NULL CHECK (minimum_voting_age > 0),
    minimum_candidate_age INTEGER NOT NULL CHECK (minimum_candidate_age > 0)
);

CREATE TABLE provenance (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE constituencies (
    code TEXT PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name_en TEXT NOT NULL CHECK (name_en <> ''),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('province', 'capital')),
    seats INTEGER NOT NULL CHECK (seats > 0)
);

CREATE TABLE constituency_outlines (
    code TEXT PRIMARY KEY REFERENCES constituencies (code),
    geojson TEXT NOT NULL CHECK (geojson <> '')
);

CREATE TABLE communes (
    code TEXT PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    province_code TEXT NOT NULL REFERENCES constituencies (code),
    district_code TEXT NOT NULL CHECK (district_code ~ '^[0-9]{4}$'),
    district_name TEXT NOT NULL,
    name_en TEXT NOT NULL CHECK (name_en <> ''),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('Commune', 'Sangkat')),
    latitude DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
    longitude DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
    CHECK (substr(code, 1, 2) = province_code),
    CHECK (substr(code, 1, 4) = district_code),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);

CREATE INDEX communes_by_province ON communes (province_code);

CREATE TABLE polling_stations (
    code TEXT PRIMARY KEY CHECK (code ~ '^[0-9]{9}$'),
    commune_code TEXT NOT NULL REFERENCES communes (code),
    name_en TEXT NOT NULL CHECK (name_en <> ''),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    address_en TEXT NOT NULL,
    address_km TEXT NOT NULL,
    latitude DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    registered_voters INTEGER NOT NULL CHECK (registered_voters >= 0),
    CHECK (substr(code, 1, 6) = commune_code)
);

CREATE INDEX polling_stations_by_commune ON polling_stations (commune_code);

CREATE INDEX polling_stations_by_latitude ON polling_stations (latitude);
