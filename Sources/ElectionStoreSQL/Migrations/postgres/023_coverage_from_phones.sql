-- Media monitors send coverage from their phones as observers send visits: each item carries an
-- identifier the phone made, so a retry is stored once, and who sent it. Rows from before have neither.
ALTER TABLE media_coverage ADD COLUMN submission_id TEXT;
ALTER TABLE media_coverage ADD COLUMN recorded_by INTEGER;
CREATE UNIQUE INDEX media_coverage_submission ON media_coverage (mission_id, submission_id);
