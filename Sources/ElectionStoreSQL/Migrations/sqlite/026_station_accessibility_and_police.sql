-- How voters with disabilities reach a polling station (a ramp, the ground floor) and whether its
-- commission assists them: 1, 0, or NULL where the NEC has not recorded it (never shown as "no").
ALTER TABLE polling_stations ADD COLUMN ramp INTEGER CHECK (ramp IN (0, 1));
ALTER TABLE polling_stations ADD COLUMN ground_floor INTEGER CHECK (ground_floor IN (0, 1));
ALTER TABLE polling_stations ADD COLUMN assistance INTEGER CHECK (assistance IN (0, 1));

-- The police posted at each polling station on election day: commissions see it, the public does not.
CREATE TABLE station_police (
    station_code TEXT PRIMARY KEY REFERENCES polling_stations (code),
    officers INTEGER NOT NULL CHECK (officers >= 0),
    set_by INTEGER,
    set_at TEXT NOT NULL
) STRICT;
