-- The hotline: the knowledge base its call-takers answer from is the library's questions and
-- answers (a new kind of document, 'faq', public as frequently asked questions), and every enquiry
-- they take is logged: how it came, its topic, the province, the answer given and the article used.
-- SQLite cannot change a CHECK in place: both library tables are copied aside, dropped (the
-- versions first, so no reference is ever broken), made again with the wider CHECK and refilled.
-- (Renaming a copy into place, or a temporary copy, leaves SQLite unable to leave a bulk build's journal mode afterwards.)
CREATE TABLE library_documents_kept AS SELECT id, kind FROM library_documents;
CREATE TABLE library_versions_kept AS
    SELECT document_id, number, title_en, title_km, text_en, text_km, dated, note, published_at, published_by FROM library_versions;
DROP TABLE library_versions;
DROP TABLE library_documents;

CREATE TABLE library_documents (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('law', 'regulation', 'manual', 'notice', 'news', 'faq'))
) STRICT;

CREATE TABLE library_versions (
    document_id TEXT NOT NULL REFERENCES library_documents (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    title_en TEXT NOT NULL CHECK (title_en <> ''),
    title_km TEXT NOT NULL CHECK (title_km <> ''),
    text_en TEXT NOT NULL,
    text_km TEXT NOT NULL,
    dated TEXT NOT NULL,
    note TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by INTEGER REFERENCES officials (id),
    PRIMARY KEY (document_id, number)
) STRICT;
INSERT INTO library_documents (id, kind) SELECT id, kind FROM library_documents_kept;
INSERT INTO library_versions SELECT * FROM library_versions_kept;
DROP TABLE library_documents_kept;
DROP TABLE library_versions_kept;

CREATE TABLE hotline_enquiries (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    -- The election's local day, so a day's log is read by its index.
    day TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'sms', 'social-media', 'email', 'in-person')),
    topic TEXT NOT NULL CHECK (topic IN ('registration', 'polling-station', 'voting', 'parties-and-candidates', 'results', 'complaints',
                                         'observers-and-media', 'other')),
    province_code TEXT REFERENCES constituencies (code),
    question TEXT NOT NULL CHECK (question <> ''),
    answer TEXT NOT NULL CHECK (answer <> ''),
    article_id TEXT REFERENCES library_documents (id),
    logged_by INTEGER NOT NULL REFERENCES officials (id)
) STRICT;
CREATE INDEX hotline_enquiries_by_day ON hotline_enquiries (day, id);
