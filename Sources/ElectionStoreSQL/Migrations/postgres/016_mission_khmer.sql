-- What a mission writes about itself in Khmer too: its organisation, who invited it and its working
-- group, its members' bodies and titles, its activities. NULL where it gave only English.
ALTER TABLE missions ADD COLUMN organisation_km TEXT;
ALTER TABLE missions ADD COLUMN invited_by_km TEXT;
ALTER TABLE missions ADD COLUMN working_group_km TEXT;
ALTER TABLE mission_members ADD COLUMN body_km TEXT;
ALTER TABLE mission_members ADD COLUMN title_km TEXT;
ALTER TABLE mission_activities ADD COLUMN with_whom_km TEXT;
ALTER TABLE mission_activities ADD COLUMN notes_km TEXT;
