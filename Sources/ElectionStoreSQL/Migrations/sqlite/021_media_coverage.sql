-- A mission's media monitoring: an outlet's coverage of a party on a day, as broadcast seconds or
-- column space (square centimetres), and its tone.
CREATE TABLE media_coverage (
    id INTEGER PRIMARY KEY,
    mission_id TEXT NOT NULL REFERENCES missions (id),
    outlet TEXT NOT NULL CHECK (outlet <> ''),
    day TEXT NOT NULL,
    party INTEGER NOT NULL,
    seconds INTEGER NOT NULL CHECK (seconds >= 0),
    column_space INTEGER NOT NULL CHECK (column_space >= 0),
    tone TEXT NOT NULL CHECK (tone IN ('positive', 'neutral', 'negative'))
) STRICT;
CREATE INDEX media_coverage_by_mission ON media_coverage (mission_id);
