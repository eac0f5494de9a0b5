-- Running totals of the accepted forms for every province and commune, kept by the form writer in
-- the transaction that accepts a form (its figures added, those of the version it replaces taken
-- away). The results report read every accepted form's figures again each time (a tenth of a
-- second for the whole country, several times that on results night's busy cores); these are a
-- few hundred rows. unit_code is a province's code (2 characters) or a commune's (6).
CREATE TABLE unit_results (
    unit_code TEXT PRIMARY KEY,
    stations BIGINT NOT NULL CHECK (stations >= 0),
    registered BIGINT NOT NULL,
    received BIGINT NOT NULL,
    issued BIGINT NOT NULL,
    in_box BIGINT NOT NULL,
    spoiled BIGINT NOT NULL,
    unused BIGINT NOT NULL,
    invalid BIGINT NOT NULL
);

CREATE TABLE unit_votes (
    unit_code TEXT NOT NULL,
    party_id INTEGER NOT NULL REFERENCES parties (id),
    votes BIGINT NOT NULL,
    PRIMARY KEY (unit_code, party_id)
);

-- A database that already holds accepted forms starts from their sums.
INSERT INTO unit_results (unit_code, stations, registered, received, issued, in_box, spoiled, unused, invalid)
SELECT province_code, COUNT(*), SUM(registered), SUM(received), SUM(issued), SUM(in_box), SUM(spoiled), SUM(unused), SUM(invalid)
FROM current_forms GROUP BY province_code;

INSERT INTO unit_results (unit_code, stations, registered, received, issued, in_box, spoiled, unused, invalid)
SELECT commune_code, COUNT(*), SUM(registered), SUM(received), SUM(issued), SUM(in_box), SUM(spoiled), SUM(unused), SUM(invalid)
FROM current_forms GROUP BY commune_code;

INSERT INTO unit_votes (unit_code, party_id, votes)
SELECT province_code, party_id, SUM(votes) FROM current_votes GROUP BY province_code, party_id;

INSERT INTO unit_votes (unit_code, party_id, votes)
SELECT commune_code, party_id, SUM(votes) FROM current_votes GROUP BY commune_code, party_id;

-- The stations and registered voters of every unit, which totals give beside the figures, read
-- from the index rather than from every station's whole row.
CREATE INDEX polling_stations_registered ON polling_stations (code, registered_voters);
