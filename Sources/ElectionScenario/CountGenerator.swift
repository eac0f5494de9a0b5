import ElectionCore

/// Generates a count form for every polling station, from a seed, such that the national totals
/// are the official ones exactly (scaled when the scenario's register is smaller) and, at full
/// scale, each province's seats by the election's method are the official ones.
///
/// Votes per province were not published, so they are designed: FUNCINPEC, which won one seat
/// in each of five provinces, gets a larger share there and a smaller one elsewhere; the other
/// parties' shares vary at random around their national share; the CPP has the rest.
public struct CountGenerator: Sendable {
    /// A station as the generator needs it.
    public struct Station: Sendable, Hashable {
        public var code: StationCode
        public var registeredVoters: Int
        public init(code: StationCode, registeredVoters: Int) {
            self.code = code
            self.registeredVoters = registeredVoters
        }
    }

    public var official: OfficialResults
    public var seed: UInt64

    public init(official: OfficialResults, seed: UInt64 = CambodiaScenario.defaultSeed) {
        self.official = official
        self.seed = seed
    }

    /// FUNCINPEC's designed share of the valid votes in the provinces where it won a seat, by
    /// province code; ~7% elsewhere.
    static let funcinpecShares: [ProvinceCode: Int] = ["03": 120, "06": 160, "08": 120, "12": 110, "14": 120]
    static let funcinpec: PartyNumber = 2
    static let cpp: PartyNumber = 1

    /// One form per station, in the order given.
    public func counts(for stations: [Station]) -> [ResultCounts] {
        var random = SeededGenerator(seed: seed, stream: 0xC0_0E7)
        let registered = stations.reduce(0) { $0 + $1.registeredVoters }
        // Scale the official figures to the scenario's register (identity at full scale).
        func scaled(_ n: Int) -> Int { registered == official.registeredVoters ? n : n * registered / official.registeredVoters }
        let cast = scaled(official.ballotsCast)
        let invalid = min(scaled(official.invalidBallots), cast)
        let partyIDs = official.votes.keys.sorted()
        let partyTotals = Apportionment.largestRemainder(cast - invalid, weights: partyIDs.map { official.votes[$0] ?? 0 })

        let castAt = Apportionment.largestRemainder(
            cast, weights: stations.map { $0.registeredVoters * Int.random(in: 780...910, using: &random) },
            caps: stations.map(\.registeredVoters))
        let invalidAt = Apportionment.largestRemainder(
            invalid, weights: castAt.map { $0 * Int.random(in: 60...140, using: &random) }, caps: castAt)
        let validAt = zip(castAt, invalidAt).map { $0 - $1 }

        // Provinces, and their valid votes.
        var provinceOf: [ProvinceCode: [Int]] = [:]
        for (index, station) in stations.enumerated() { provinceOf[station.code.province, default: []].append(index) }
        let provinces = provinceOf.keys.sorted()
        let provinceValid = provinces.map { provinceOf[$0]!.reduce(0) { $0 + validAt[$1] } }

        var votesAt = Array(repeating: [PartyNumber: Int](), count: stations.count)
        var roomAt = validAt
        for (party, total) in zip(partyIDs, partyTotals) where party != Self.cpp {
            let perMille = provinces.map { province in
                party == Self.funcinpec
                    ? Self.funcinpecShares[province] ?? Int.random(in: 56...84, using: &random)
                    : Int.random(in: 500...1500, using: &random)
            }
            let byProvince = Apportionment.largestRemainder(
                total, weights: zip(provinceValid, perMille).map { $0 * $1 },
                caps: provinces.map { provinceOf[$0]!.reduce(0) { $0 + roomAt[$1] } })
            for (province, share) in zip(provinces, byProvince) {
                let indexes = provinceOf[province]!
                let atStations = Apportionment.largestRemainder(
                    share, weights: indexes.map { validAt[$0] * Int.random(in: 50...150, using: &random) },
                    caps: indexes.map { roomAt[$0] })
                for (index, n) in zip(indexes, atStations) {
                    votesAt[index][party] = n
                    roomAt[index] -= n
                }
            }
        }
        return stations.indices.map { i in
            var votes = votesAt[i]
            votes[Self.cpp] = roomAt[i]
            let registered = stations[i].registeredVoters
            let reserve = (registered + 49) / 50
            let spoiled = min(reserve, Int.random(in: 0...2, using: &random))
            let received = registered + reserve
            return ResultCounts(
                registeredVoters: registered, ballotsReceived: received, ballotsIssued: castAt[i], ballotsInBox: castAt[i],
                spoiledBallots: spoiled, unusedBallots: received - castAt[i] - spoiled, invalidBallots: invalidAt[i],
                votes: votes)
        }
    }
}
