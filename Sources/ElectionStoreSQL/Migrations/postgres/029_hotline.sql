-- The hotline: the knowledge base its call-takers answer from is the library's questions and
-- answers (a new kind of document, 'faq', public as frequently asked questions), and every enquiry
-- they take is logged: how it came, its topic, the province, the answer given and the article used.
ALTER TABLE library_documents DROP CONSTRAINT library_documents_kind_check;
ALTER TABLE library_documents ADD CONSTRAINT library_documents_kind_check
    CHECK (kind IN ('law', 'regulation', 'manual', 'notice', 'news', 'faq'));

CREATE TABLE hotline_enquiries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    logged_by BIGINT NOT NULL REFERENCES officials (id)
);
CREATE INDEX hotline_enquiries_by_day ON hotline_enquiries (day, id);
