-- Training of commission members: sessions for one tier (in one province, or national), and who
-- attended, by commission and seat. Coverage is read against the members seated now, so a member
-- removed since is not counted and one appointed since counts as not trained until they attend.
CREATE TABLE training_sessions (
    id INTEGER PRIMARY KEY,
    tier TEXT NOT NULL CHECK (tier IN ('national', 'provincial', 'commune', 'polling-station')),
    province_code TEXT REFERENCES constituencies (code),
    title TEXT NOT NULL CHECK (title <> ''),
    day TEXT NOT NULL,
    starts TEXT NOT NULL,
    ends TEXT NOT NULL CHECK (ends > starts),
    place TEXT NOT NULL CHECK (place <> ''),
    -- One name per line.
    trainers TEXT NOT NULL CHECK (trainers <> ''),
    -- None for the scenario's sessions.
    scheduled_by INTEGER REFERENCES officials (id)
) STRICT;
CREATE INDEX training_sessions_by_province ON training_sessions (province_code, day);

CREATE TABLE training_attendance (
    session_id INTEGER NOT NULL REFERENCES training_sessions (id),
    commission_id TEXT NOT NULL REFERENCES commissions (id),
    seat INTEGER NOT NULL CHECK (seat > 0),
    recorded_by INTEGER REFERENCES officials (id),
    PRIMARY KEY (session_id, commission_id, seat)
) STRICT;
CREATE INDEX training_attendance_by_member ON training_attendance (commission_id, seat);
