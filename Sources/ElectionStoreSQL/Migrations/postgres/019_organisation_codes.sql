-- The codes the NEC gives organisations, so that they submit and follow their own people's
-- applications (kept as digests, like observers' codes).
CREATE TABLE organisation_codes (
    code_digest TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES accrediting_organisations (id)
);
