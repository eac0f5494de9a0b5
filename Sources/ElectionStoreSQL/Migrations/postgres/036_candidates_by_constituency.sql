-- A constituency's ballot (the parties standing there) is read for every result form entered;
-- the key starts with the party, so without this each read went through every candidate.
CREATE INDEX candidates_by_constituency ON candidates (constituency_code, party_id);
