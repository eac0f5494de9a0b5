-- Election day: when stations report turnout (set by the election, '09:00,12:00,15:00'; empty:
-- once, at closing), what each polling station reports from its phone (opening, turnout at each
-- set time, closing, incidents), one report per station and slot, and the turnout the NEC
-- published, frozen as it was published.
ALTER TABLE election ADD COLUMN turnout_times TEXT NOT NULL DEFAULT '';

CREATE TABLE station_reports (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    station_code TEXT NOT NULL REFERENCES polling_stations (code),
    -- 'opening', 'turnout-09:00', 'closing', or 'incident-' and the id: what may be reported once.
    slot TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('opening', 'turnout', 'closing', 'incident')),
    time TEXT NOT NULL,
    staff_present INTEGER CHECK (staff_present >= 0),
    materials_complete INTEGER CHECK (materials_complete IN (0, 1)),
    voted INTEGER CHECK (voted >= 0),
    in_line INTEGER CHECK (in_line >= 0),
    category TEXT,
    note TEXT NOT NULL,
    digest TEXT NOT NULL,
    -- The official who sent it; none for the scenario's simulated day.
    reported_by INTEGER REFERENCES officials (id),
    channel TEXT NOT NULL CHECK (channel IN ('web', 'api', 'scenario')),
    received_at TEXT NOT NULL,
    UNIQUE (station_code, slot)
) STRICT;
CREATE INDEX station_reports_by_slot ON station_reports (slot, station_code);

CREATE TABLE turnout_publications (
    slot TEXT PRIMARY KEY,
    published_at TEXT NOT NULL,
    published_by INTEGER NOT NULL REFERENCES officials (id),
    figures TEXT NOT NULL
) STRICT;

-- The reports counted by commune, kept with every report written, so that a province's or the
-- nation's dashboard adds up a few thousand rows rather than every report: per commune, kind and
-- what (a turnout's time, an incident's category, '' otherwise), the reports, voted, the
-- registered voters of the reporting stations, openings after the grace time, voters in line.
CREATE TABLE election_day_counts (
    commune_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    what TEXT NOT NULL,
    reports INTEGER NOT NULL,
    voted INTEGER NOT NULL,
    registered INTEGER NOT NULL,
    late INTEGER NOT NULL,
    in_line INTEGER NOT NULL,
    PRIMARY KEY (commune_code, kind, what)
) STRICT;
