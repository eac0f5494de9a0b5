-- Complaints lodged with the commissions (public form, hotline, observer missions), what happened
-- to each (received and routed, hearings, decisions with reasons, appeals), and their evidence.
-- The complainant's name and phone are personal data: shown to the handling commission only.
CREATE TABLE complaints (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL CHECK (category IN ('voter-register', 'parties-and-candidates', 'campaign', 'polling-and-counting', 'results',
                                              'observers-and-media', 'other')),
    channel TEXT NOT NULL CHECK (channel IN ('web', 'hotline', 'mission')),
    -- Where it happened: a station's, commune's or province's code ('' for the nation).
    area TEXT NOT NULL,
    place TEXT NOT NULL,
    description TEXT NOT NULL CHECK (description <> ''),
    complainant_name TEXT NOT NULL CHECK (complainant_name <> ''),
    complainant_phone TEXT NOT NULL CHECK (complainant_phone <> ''),
    received_at TEXT NOT NULL,
    -- The commission handling it now ('' for the NEC); kept with every routing and appeal.
    handling_unit TEXT NOT NULL,
    -- The call-taker who lodged it for a caller.
    lodged_by INTEGER REFERENCES officials (id),
    mission_id TEXT REFERENCES missions (id),
    incident_id BIGINT REFERENCES incidents (id),
    UNIQUE (mission_id, incident_id)
);
CREATE INDEX complaints_by_handling_unit ON complaints (handling_unit);

CREATE TABLE complaint_steps (
    complaint_id BIGINT NOT NULL REFERENCES complaints (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    kind TEXT NOT NULL CHECK (kind IN ('received', 'hearing', 'decision', 'appeal')),
    at TEXT NOT NULL,
    day TEXT NOT NULL,
    unit TEXT NOT NULL,
    decide_by TEXT,
    hearing_at TEXT,
    hearing_place TEXT,
    outcome TEXT CHECK (outcome IN ('upheld', 'partly-upheld', 'dismissed', 'inadmissible')),
    reasons TEXT,
    -- The official who recorded it; none for the complainant's own steps.
    recorded_by INTEGER REFERENCES officials (id),
    PRIMARY KEY (complaint_id, number)
);

CREATE TABLE complaint_evidence (
    complaint_id BIGINT NOT NULL REFERENCES complaints (id),
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 3),
    type TEXT NOT NULL CHECK (type IN ('image/jpeg', 'image/png', 'application/pdf')),
    byte_count INTEGER NOT NULL CHECK (byte_count BETWEEN 1 AND 2097152),
    sha256 TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    PRIMARY KEY (complaint_id, number)
);
