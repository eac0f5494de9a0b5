-- Organisations apply themselves through the public form or the API and wait for the NEC to
-- register or refuse them (with a reason); those the NEC added before are registered.
ALTER TABLE accrediting_organisations ADD COLUMN registration TEXT NOT NULL DEFAULT 'registered'
    CHECK (registration IN ('applied', 'registered', 'refused'));
ALTER TABLE accrediting_organisations ADD COLUMN registration_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE accrediting_organisations ADD COLUMN registration_decided_by INTEGER;
ALTER TABLE accrediting_organisations ADD COLUMN registration_decided_at TEXT;
