-- What changed in what the public registration check answers (voters, the fixed list, stations),
-- in commit order, so that every server's in-memory RegistrationIndex can catch up: 'voter' names
-- one voter, 'register' a bulk change (build again), 'stations' the stations' details. Writers
-- lock the table before they add a line, so versions become visible in the order they are numbered.
CREATE TABLE register_log (
    version BIGSERIAL PRIMARY KEY,
    scope TEXT NOT NULL CHECK (scope IN ('voter', 'register', 'stations')),
    voter_number BIGINT CHECK ((scope = 'voter') = (voter_number IS NOT NULL))
);
