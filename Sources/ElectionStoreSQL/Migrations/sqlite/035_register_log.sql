-- What changed in what the public registration check answers (voters, the fixed list, stations),
-- in commit order, so that every server's in-memory RegistrationIndex can catch up: 'voter' names
-- one voter, 'register' a bulk change (build again), 'stations' the stations' details.
CREATE TABLE register_log (
    version INTEGER PRIMARY KEY,
    scope TEXT NOT NULL CHECK (scope IN ('voter', 'register', 'stations')),
    voter_number INTEGER CHECK ((scope = 'voter') = (voter_number IS NOT NULL))
) STRICT;
