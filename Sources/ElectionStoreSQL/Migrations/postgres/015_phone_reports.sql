-- Incidents and visits sent from an observer's phone carry an identifier the phone made, so a
-- retry (the phone's outbox sends again when the network is back) is recognised and stored once;
-- and who sent them, so an observer sees what they have sent. Rows from before have neither.
ALTER TABLE incidents ADD COLUMN submission_id TEXT;
ALTER TABLE incidents ADD COLUMN reported_by INTEGER;
CREATE UNIQUE INDEX incidents_submission ON incidents (mission_id, submission_id);
ALTER TABLE station_visits ADD COLUMN submission_id TEXT;
ALTER TABLE station_visits ADD COLUMN recorded_by INTEGER;
CREATE UNIQUE INDEX station_visits_submission ON station_visits (mission_id, submission_id);
