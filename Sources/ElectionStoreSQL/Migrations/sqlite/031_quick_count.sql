-- A mission's quick count: its sample (drawn once, with the plan it was sized from and the
-- version of the frame drawn from), the sample's stations with their strata (inclusion
-- probability = stratum_sample / stratum_frame) and substitutes, and the counts observers copy at
-- sampled stations, each kept exactly as received.
CREATE TABLE quick_count_samples (
    mission_id TEXT PRIMARY KEY REFERENCES missions (id),
    seed TEXT NOT NULL,
    strata TEXT NOT NULL CHECK (strata IN ('none', 'province', 'commune')),
    size INTEGER NOT NULL CHECK (size > 0),
    substitutes INTEGER NOT NULL CHECK (substitutes >= 0),
    -- The plan: all three, or none when the group chose the size itself.
    margin REAL CHECK (margin > 0 AND margin <= 0.5),
    confidence REAL CHECK (confidence IN (0.95, 0.99)),
    station_spread REAL CHECK (station_spread > 0 AND station_spread <= 1),
    frame_version TEXT NOT NULL,
    frame_stations INTEGER NOT NULL CHECK (frame_stations >= size),
    drawn_at TEXT NOT NULL,
    published INTEGER NOT NULL CHECK (published IN (0, 1)),
    CHECK ((margin IS NULL) = (confidence IS NULL) AND (margin IS NULL) = (station_spread IS NULL))
) STRICT;

CREATE TABLE quick_count_stations (
    mission_id TEXT NOT NULL REFERENCES quick_count_samples (mission_id),
    station_code TEXT NOT NULL REFERENCES polling_stations (code),
    stratum TEXT NOT NULL,
    stratum_frame INTEGER NOT NULL CHECK (stratum_frame > 0),
    stratum_sample INTEGER NOT NULL CHECK (stratum_sample > 0 AND stratum_sample <= stratum_frame),
    -- The substitute's rank in its stratum; null for a station drawn.
    substitute INTEGER CHECK (substitute > 0),
    PRIMARY KEY (mission_id, station_code)
) STRICT;

CREATE TABLE observed_counts (
    id INTEGER PRIMARY KEY,
    mission_id TEXT NOT NULL,
    submission_id TEXT NOT NULL,
    observer INTEGER NOT NULL,
    station_code TEXT NOT NULL,
    observed_at TEXT NOT NULL CHECK (observed_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    registered_voters INTEGER NOT NULL CHECK (registered_voters >= 0),
    ballots_received INTEGER NOT NULL CHECK (ballots_received >= 0),
    ballots_issued INTEGER NOT NULL CHECK (ballots_issued >= 0),
    ballots_in_box INTEGER NOT NULL CHECK (ballots_in_box >= 0),
    spoiled_ballots INTEGER NOT NULL CHECK (spoiled_ballots >= 0),
    unused_ballots INTEGER NOT NULL CHECK (unused_ballots >= 0),
    invalid_ballots INTEGER NOT NULL CHECK (invalid_ballots >= 0),
    -- {"1": 1234, "2": 56, ...}: valid votes by ballot number.
    votes TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (mission_id, submission_id),
    FOREIGN KEY (mission_id, station_code) REFERENCES quick_count_stations (mission_id, station_code)
) STRICT;
CREATE INDEX observed_counts_by_station ON observed_counts (mission_id, station_code);
