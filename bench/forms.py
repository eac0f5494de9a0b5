"""Result forms as a polling station's clerks would fill them, for the benchmarks that enter them
(bench/ingest, bench/load)."""

import json
import random


def consistent_forms(stations, ballots, seed=20230723):
    """One JSON body per station: a consistent paper form, issued = in the box, about 85% turnout,
    about 5% invalid. `stations` is [(code, registered)], `ballots` {province: [party, ...]}."""
    rng = random.Random(seed)
    bodies = []
    for code, registered in stations:
        cast = registered * rng.randint(78, 91) // 100
        invalid = cast * rng.randint(3, 7) // 100
        parties = ballots[code[:2]]
        valid, votes = cast - invalid, {}
        for p in parties[1:]:
            votes[str(p)] = rng.randint(0, valid // (4 * len(parties)) + 1) if valid else 0
            valid -= votes[str(p)]
        votes[str(parties[0])] = valid
        reserve = (registered + 49) // 50
        bodies.append((code, json.dumps({
            "version": 1, "registeredVoters": registered, "ballotsReceived": registered + reserve,
            "ballotsIssued": cast, "ballotsInBox": cast, "spoiledBallots": 0,
            "unusedBallots": registered + reserve - cast, "invalidBallots": invalid, "votes": votes})))
    return bodies
