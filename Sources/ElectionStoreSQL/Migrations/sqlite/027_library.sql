-- The NEC's public library: laws, regulations, manuals, notices and news in Khmer and English,
-- each version kept as published (a new text is a new version).
CREATE TABLE library_documents (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('law', 'regulation', 'manual', 'notice', 'news'))
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
