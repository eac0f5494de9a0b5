-- Accreditation of observers and journalists: the organisations that apply, the codes of
-- conduct they acknowledge (versioned, in both languages), one application per person with the
-- NEC's decision, and the key that signs badges. An application's number is its badge's.
CREATE TABLE accrediting_organisations (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    name_en TEXT NOT NULL CHECK (name_en <> ''),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('national', 'international', 'media')),
    contact TEXT NOT NULL
);

CREATE TABLE codes_of_conduct (
    category TEXT NOT NULL CHECK (category IN ('national-observer', 'international-observer', 'journalist')),
    version INTEGER NOT NULL CHECK (version > 0),
    title_en TEXT NOT NULL,
    title_km TEXT NOT NULL,
    text_en TEXT NOT NULL,
    text_km TEXT NOT NULL,
    published_on TEXT NOT NULL,
    PRIMARY KEY (category, version)
);

-- Numbered by the store (the highest so far plus one) inside the writing transaction.
CREATE TABLE accreditation_applications (
    id BIGINT PRIMARY KEY CHECK (id > 0),
    organisation_id TEXT NOT NULL REFERENCES accrediting_organisations (id),
    category TEXT NOT NULL CHECK (category IN ('national-observer', 'international-observer', 'journalist')),
    name_km TEXT NOT NULL CHECK (name_km <> ''),
    name_latin TEXT NOT NULL CHECK (name_latin <> ''),
    sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    nationality TEXT NOT NULL CHECK (length(nationality) = 3),
    code_version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'more-information', 'accepted', 'refused', 'revoked')),
    reason TEXT NOT NULL DEFAULT '',
    valid_from TEXT,
    valid_until TEXT,
    decided_by INTEGER,
    decided_at TEXT,
    FOREIGN KEY (category, code_version) REFERENCES codes_of_conduct (category, version)
);

CREATE INDEX accreditation_applications_by_organisation ON accreditation_applications (organisation_id, status);
CREATE INDEX accreditation_applications_by_status ON accreditation_applications (status);

-- The NEC's Ed25519 badge key, made on first use; its public half is published.
CREATE TABLE badge_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    private_key TEXT NOT NULL
);
