-- A mission's members are accredited through the NEC: the mission names the accrediting
-- organisation whose badges its members hold, and a member names their badge (one member a badge).
-- A member with a badge stands where the NEC's decision on it says.
ALTER TABLE missions ADD COLUMN accrediting_organisation_id TEXT REFERENCES accrediting_organisations (id);
ALTER TABLE mission_members ADD COLUMN badge_id INTEGER REFERENCES accreditation_applications (id);
CREATE UNIQUE INDEX one_member_per_badge ON mission_members (badge_id) WHERE badge_id IS NOT NULL;
