-- The parties' campaign airtime as the NEC published it: each publication the draw's inputs (seed,
-- slot length, channels, parties; JSON), from which the schedule is drawn again, with the reason
-- for a change. The newest is in force; the others are its history.
CREATE TABLE airtime_publications (
    number INTEGER PRIMARY KEY CHECK (number > 0),
    draw TEXT NOT NULL,
    reason TEXT NOT NULL,
    official_id INTEGER NOT NULL,
    published_at TEXT NOT NULL
) STRICT;
