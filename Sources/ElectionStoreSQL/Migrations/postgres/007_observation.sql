CREATE TABLE missions (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    organisation TEXT NOT NULL,
    name_en TEXT NOT NULL,
    name_km TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('international', 'domestic')),
    invitation_date TEXT,
    invited_by TEXT NOT NULL,
    working_group TEXT NOT NULL
);

CREATE TABLE mission_members (
    mission_id TEXT NOT NULL REFERENCES missions (id),
    seat INTEGER NOT NULL CHECK (seat > 0),
    name TEXT NOT NULL CHECK (name <> ''),
    body TEXT NOT NULL,
    title TEXT NOT NULL,
    is_head INTEGER NOT NULL CHECK (is_head IN (0, 1)),
    accreditation TEXT NOT NULL CHECK (accreditation IN ('requested', 'accredited', 'refused')),
    PRIMARY KEY (mission_id, seat)
);

CREATE UNIQUE INDEX one_head_per_mission ON mission_members (mission_id) WHERE is_head = 1;

CREATE TABLE mission_activities (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mission_id TEXT NOT NULL REFERENCES missions (id),
    kind TEXT NOT NULL CHECK (kind IN ('meeting', 'campaign-event', 'media-monitoring', 'legal-framework')),
    day TEXT NOT NULL CHECK (day ~ '^[0-9]{4}-[01][0-9]-[0-3][0-9]$'),
    with_whom TEXT NOT NULL,
    notes TEXT NOT NULL
);

CREATE TABLE observer_tokens (
    token_digest TEXT PRIMARY KEY,
    mission_id TEXT NOT NULL,
    seat INTEGER NOT NULL,
    FOREIGN KEY (mission_id, seat) REFERENCES mission_members (mission_id, seat)
);

CREATE TABLE checklist_forms (
    id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    definition TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE station_draws (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mission_id TEXT NOT NULL REFERENCES missions (id),
    team TEXT NOT NULL,
    seed TEXT NOT NULL,
    strata TEXT NOT NULL,
    size INTEGER NOT NULL,
    frame TEXT NOT NULL,
    stations TEXT NOT NULL,
    drawn_at TEXT NOT NULL
);

CREATE TABLE teams (
    mission_id TEXT NOT NULL REFERENCES missions (id),
    name TEXT NOT NULL CHECK (name <> ''),
    members TEXT NOT NULL,
    area TEXT NOT NULL,
    PRIMARY KEY (mission_id, name)
);

CREATE TABLE deployments (
    mission_id TEXT NOT NULL REFERENCES missions (id),
    station_code TEXT NOT NULL REFERENCES polling_stations (code),
    team TEXT NOT NULL,
    PRIMARY KEY (mission_id, station_code)
);

CREATE TABLE station_visits (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mission_id TEXT NOT NULL REFERENCES missions (id),
    station_code TEXT NOT NULL REFERENCES polling_stations (code),
    team TEXT NOT NULL,
    arrival TEXT NOT NULL CHECK (arrival ~ '^[0-2][0-9]:[0-5][0-9]$'),
    departure TEXT NOT NULL CHECK (departure ~ '^[0-2][0-9]:[0-5][0-9]$'),
    phase TEXT NOT NULL CHECK (phase IN ('opening', 'voting', 'closing', 'counting'))
);

-- Kept exactly as first received; a retry adds a receipt, never a change.
CREATE TABLE checklist_submissions (
    id TEXT PRIMARY KEY,
    mission_id TEXT NOT NULL,
    observer INTEGER NOT NULL,
    station_code TEXT NOT NULL REFERENCES polling_stations (code),
    form_id TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    observed_at TEXT NOT NULL CHECK (observed_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
    answers TEXT NOT NULL,
    digest TEXT NOT NULL,
    FOREIGN KEY (mission_id, observer) REFERENCES mission_members (mission_id, seat),
    FOREIGN KEY (form_id, form_version) REFERENCES checklist_forms (id, version)
);

CREATE INDEX checklist_submissions_by_mission ON checklist_submissions (mission_id);

CREATE TABLE submission_receipts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    submission_id TEXT NOT NULL,
    mission_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('stored', 'repeated', 'conflict')),
    payload TEXT NOT NULL
);

CREATE INDEX submission_receipts_by_mission ON submission_receipts (mission_id);

CREATE TABLE mission_statements (
    mission_id TEXT PRIMARY KEY REFERENCES missions (id),
    assessment_en TEXT NOT NULL,
    assessment_km TEXT NOT NULL,
    conclusions_en TEXT NOT NULL,
    conclusions_km TEXT NOT NULL
);

CREATE TABLE incidents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mission_id TEXT NOT NULL REFERENCES missions (id),
    kind TEXT NOT NULL CHECK (kind IN ('incident', 'complaint')),
    category TEXT NOT NULL CHECK (category IN ('obstruction-of-observers', 'intimidation', 'vote-buying',
        'procedural-irregularity', 'accessibility', 'campaign-violation', 'violence', 'other')),
    severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
    station_code TEXT REFERENCES polling_stations (code),
    place TEXT NOT NULL,
    day TEXT NOT NULL CHECK (day ~ '^[0-9]{4}-[01][0-9]-[0-3][0-9]$'),
    time TEXT,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('reported', 'confirmed', 'rejected', 'followed-up'))
);
