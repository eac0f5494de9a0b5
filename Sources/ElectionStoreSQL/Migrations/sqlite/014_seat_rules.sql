-- The election's seat rules beyond its method: a threshold (a percentage of the valid votes, in
-- each constituency or nationally) and what breaks a tie. Elections loaded before have none.
ALTER TABLE election ADD COLUMN seat_threshold_percent TEXT;
ALTER TABLE election ADD COLUMN seat_threshold_scope TEXT NOT NULL DEFAULT 'constituency' CHECK (seat_threshold_scope IN ('constituency', 'national'));
ALTER TABLE election ADD COLUMN seat_ties TEXT NOT NULL DEFAULT 'report' CHECK (seat_ties IN ('report', 'most-votes', 'ballot-order'));
