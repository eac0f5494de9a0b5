-- A commune's district named in Khmer too, so a Khmer address names it; empty where not known.
ALTER TABLE communes ADD COLUMN district_name_km TEXT NOT NULL DEFAULT '';
