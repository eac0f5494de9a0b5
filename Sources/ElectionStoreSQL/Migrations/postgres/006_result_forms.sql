-- One row per version; the settled figures stay NULL until both entries agree or a
-- coordinator settles them.
CREATE TABLE result_forms (
    station_code TEXT NOT NULL REFERENCES polling_stations (code),
    version INTEGER NOT NULL CHECK (version > 0),
    status TEXT NOT NULL CHECK (status IN ('awaiting-first-entry', 'awaiting-second-entry', 'disputed', 'awaiting-acknowledgement', 'accepted')),
    reason TEXT,
    opened_by INTEGER REFERENCES officials (id),
    resolved_by INTEGER REFERENCES officials (id),
    acknowledged_by INTEGER REFERENCES officials (id),
    warnings TEXT NOT NULL,
    registered INTEGER, received INTEGER, issued INTEGER, in_box INTEGER,
    spoiled INTEGER, unused INTEGER, invalid INTEGER,
    PRIMARY KEY (station_code, version),
    CHECK ((version = 1) = (reason IS NULL))
);

CREATE TABLE result_entries (
    station_code TEXT NOT NULL,
    version INTEGER NOT NULL,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    position INTEGER NOT NULL CHECK (position IN (1, 2)),
    registered INTEGER NOT NULL CHECK (registered >= 0),
received INTEGER NOT NULL CHECK (received >= 0),
issued INTEGER NOT NULL CHECK (issued >= 0),
in_box INTEGER NOT NULL CHECK (in_box >= 0),
spoiled INTEGER NOT NULL CHECK (spoiled >= 0),
unused INTEGER NOT NULL CHECK (unused >= 0),
invalid INTEGER NOT NULL CHECK (invalid >= 0),
    PRIMARY KEY (station_code, version, official_id),
    UNIQUE (station_code, version, position),
    FOREIGN KEY (station_code, version) REFERENCES result_forms (station_code, version)
);

CREATE TABLE result_entry_votes (
    station_code TEXT NOT NULL,
    version INTEGER NOT NULL,
    official_id INTEGER NOT NULL,
    party_id INTEGER NOT NULL REFERENCES parties (id),
    votes INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (station_code, version, official_id, party_id),
    FOREIGN KEY (station_code, version, official_id) REFERENCES result_entries (station_code, version, official_id)
);

CREATE TABLE result_form_votes (
    station_code TEXT NOT NULL,
    version INTEGER NOT NULL,
    party_id INTEGER NOT NULL REFERENCES parties (id),
    votes INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (station_code, version, party_id),
    FOREIGN KEY (station_code, version) REFERENCES result_forms (station_code, version)
);

-- The accepted version that counts for each station, and its figures copied beside
-- it with the station's province and commune, so that totals at any level are one
-- pass over a covering index rather than a scan of every form.
CREATE TABLE current_forms (
    station_code TEXT PRIMARY KEY REFERENCES polling_stations (code),
    province_code TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    version INTEGER NOT NULL,
    registered INTEGER NOT NULL CHECK (registered >= 0),
received INTEGER NOT NULL CHECK (received >= 0),
issued INTEGER NOT NULL CHECK (issued >= 0),
in_box INTEGER NOT NULL CHECK (in_box >= 0),
spoiled INTEGER NOT NULL CHECK (spoiled >= 0),
unused INTEGER NOT NULL CHECK (unused >= 0),
invalid INTEGER NOT NULL CHECK (invalid >= 0),
    FOREIGN KEY (station_code, version) REFERENCES result_forms (station_code, version),
    CHECK (province_code = substr(station_code, 1, 2) AND commune_code = substr(station_code, 1, 6))
);

CREATE INDEX current_forms_by_province ON current_forms (province_code);

CREATE INDEX current_forms_by_commune ON current_forms (commune_code);

CREATE TABLE current_votes (
    station_code TEXT NOT NULL REFERENCES current_forms (station_code),
    province_code TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    party_id INTEGER NOT NULL REFERENCES parties (id),
    votes INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (station_code, party_id),
    CHECK (province_code = substr(station_code, 1, 2) AND commune_code = substr(station_code, 1, 6))
);

CREATE INDEX current_votes_by_province ON current_votes (province_code, party_id, votes);

CREATE INDEX current_votes_by_commune ON current_votes (commune_code, party_id, votes);

CREATE TABLE result_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    station_code TEXT NOT NULL REFERENCES polling_stations (code),
    version INTEGER NOT NULL,
    at TEXT NOT NULL,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    action TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('awaiting-first-entry', 'awaiting-second-entry', 'disputed', 'awaiting-acknowledgement', 'accepted')),
    detail TEXT
);

CREATE INDEX result_events_by_station ON result_events (station_code, id);

CREATE TABLE result_confirmations (
    level TEXT NOT NULL CHECK (level IN ('national', 'province')),
    unit_code TEXT NOT NULL,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    confirmed_at TEXT NOT NULL,
    PRIMARY KEY (level, unit_code)
);

CREATE TABLE publications (
    number INTEGER PRIMARY KEY CHECK (number > 0),
    published_at TEXT NOT NULL,
    official_id INTEGER NOT NULL REFERENCES officials (id),
    stations_reported INTEGER NOT NULL,
    stations_total INTEGER NOT NULL,
    official INTEGER NOT NULL CHECK (official IN (0, 1)),
    digest TEXT NOT NULL,
    content TEXT NOT NULL
);
