import Foundation

/// Seats projected from a quick count, with the chance of each outcome.
///
/// In each constituency the parties' shares are estimated with their covariance (the same
/// linearisation as ``RatioEstimator``, applied to every pair of parties), and `simulations`
/// elections are drawn from that multivariate normal (seeded, so the projection is reproducible);
/// each draw is turned into seats by the election's own method, and the national totals are the
/// sums of the same draw's constituencies. Constituencies are independent because the sample's
/// strata lie within them. A draw that ties exactly leaves the tied seats unallocated in that
/// draw, as the law would report the tie rather than decide it.
public struct SeatProjection: Sendable, Hashable, Codable {
    /// One way a constituency's seats may fall, with how often the simulations gave it.
    public struct Outcome: Sendable, Hashable, Codable {
        public var seats: [PartyNumber: Int]
        public var probability: Double
    }

    public struct Constituency: Sendable, Hashable, Codable {
        public var code: ProvinceCode
        public var seats: Int
        /// The likeliest outcomes, most likely first (at most three).
        public var outcomes: [Outcome]
    }

    /// A party's national seats across the simulations.
    public struct PartySeats: Sendable, Hashable, Codable {
        public var party: PartyNumber
        /// The 2.5th percentile, the median and the 97.5th percentile of its seats.
        public var low: Int
        public var median: Int
        public var high: Int
        /// The chance it wins a majority of all seats.
        public var majorityProbability: Double
    }

    public var simulations: Int
    public var seed: UInt64
    public var totalSeats: Int
    public var constituencies: [Constituency]
    /// Parties that win a seat in some simulation, in ballot order.
    public var parties: [PartySeats]

    /// What one constituency gives the projection.
    public struct Input: Sendable {
        public var code: ProvinceCode
        public var seats: Int
        public var strata: [(frameStations: Int, counts: [ResultCounts])]
        public init(code: ProvinceCode, seats: Int, strata: [(frameStations: Int, counts: [ResultCounts])]) {
            self.code = code
            self.seats = seats
            self.strata = strata
        }
    }

    /// The projection, or nil when some constituency has no count with valid votes (its seats
    /// cannot be projected, so neither can the total).
    public static func simulate(
        _ constituencies: [Input], parties: [PartyNumber], method: SeatMethod, threshold: Rational = Rational(0),
        simulations: Int = 1_000, seed: UInt64 = 2023
    ) -> SeatProjection? {
        var random = SplitMix(state: seed)
        var totals = Array(repeating: Array(repeating: 0, count: parties.count), count: simulations)
        var projected: [Constituency] = []
        for constituency in constituencies {
            guard let (mean, covariance) = shares(constituency.strata, parties: parties) else { return nil }
            let root = choleskyFactor(covariance)
            var frequency: [[Int]: Int] = [:]
            var allocation = SeatAllocation(
                method: method, seats: constituency.seats, contestants: parties.map { .init(name: $0.description, votes: 0) }, threshold: threshold)
            var normal = Array(repeating: 0.0, count: parties.count)
            for run in 0..<simulations {
                for p in parties.indices { normal[p] = random.normal() }
                for p in parties.indices {
                    var share = mean[p]
                    for q in 0...p { share += root[p][q] * normal[q] }
                    allocation.contestants[p].votes = Int((max(0, share) * 1_000_000).rounded())
                }
                guard let seats = try? allocation.allocate().seatsInOrder else { return nil }
                frequency[seats, default: 0] += 1
                for p in parties.indices { totals[run][p] += seats[p] }
            }
            let likeliest = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }.prefix(3)
            projected.append(Constituency(
                code: constituency.code, seats: constituency.seats,
                outcomes: likeliest.map { seats, n in
                    Outcome(
                        seats: Dictionary(uniqueKeysWithValues: zip(parties, seats).filter { $0.1 > 0 }),
                        probability: Double(n) / Double(simulations))
                }))
        }
        let totalSeats = constituencies.reduce(0) { $0 + $1.seats }
        let partySeats = parties.indices.compactMap { p -> PartySeats? in
            let seats = totals.map { $0[p] }.sorted()
            guard seats.last ?? 0 > 0 else { return nil }
            let n = seats.count
            return PartySeats(
                party: parties[p], low: seats[Int(0.025 * Double(n - 1))], median: seats[n / 2], high: seats[Int((0.975 * Double(n - 1)).rounded(.up))],
                majorityProbability: Double(seats.filter { 2 * $0 > totalSeats }.count) / Double(n))
        }
        return SeatProjection(simulations: simulations, seed: seed, totalSeats: totalSeats, constituencies: projected, parties: partySeats)
    }

    /// The parties' shares of the valid votes over the strata and their covariance matrix, by the
    /// linearised variance of the ratio estimator; nil when there are no valid votes.
    static func shares(_ strata: [(frameStations: Int, counts: [ResultCounts])], parties: [PartyNumber]) -> ([Double], [[Double]])? {
        let k = parties.count
        var numerators = Array(repeating: 0.0, count: k), denominator = 0.0
        for stratum in strata where !stratum.counts.isEmpty {
            let weight = Double(stratum.frameStations) / Double(stratum.counts.count)
            for counts in stratum.counts {
                denominator += weight * Double(counts.validVotes)
                for (p, party) in parties.enumerated() { numerators[p] += weight * Double(counts.votes[party] ?? 0) }
            }
        }
        guard denominator > 0 else { return nil }
        let mean = numerators.map { $0 / denominator }
        var covariance = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for stratum in strata where stratum.counts.count > 1 {
            let m = Double(stratum.counts.count), n = Double(stratum.frameStations)
            let residuals = stratum.counts.map { counts in
                parties.indices.map { Double(counts.votes[parties[$0]] ?? 0) - mean[$0] * Double(counts.validVotes) }
            }
            let centre = parties.indices.map { p in residuals.reduce(0) { $0 + $1[p] } / m }
            let factor = n * n * max(0, 1 - m / n) / m / (m - 1) / (denominator * denominator)
            for residual in residuals {
                for p in 0..<k {
                    let dp = residual[p] - centre[p]
                    for q in 0...p { covariance[p][q] += factor * dp * (residual[q] - centre[q]) }
                }
            }
        }
        for p in 0..<k { for q in 0..<p { covariance[q][p] = covariance[p][q] } }
        return (mean, covariance)
    }

    /// The lower-triangular L with L·Lᵀ = `matrix`, for a symmetric positive semi-definite matrix:
    /// a direction with no variance (the shares add up to one, so there is always one) gets a
    /// zero column instead of failing.
    static func choleskyFactor(_ matrix: [[Double]]) -> [[Double]] {
        let k = matrix.count
        let scale = (0..<k).reduce(0.0) { max($0, matrix[$1][$1]) }
        var root = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for j in 0..<k {
            let pivot = matrix[j][j] - (0..<j).reduce(0.0) { $0 + root[j][$1] * root[j][$1] }
            guard pivot > scale * 1e-12, pivot > 0 else { continue }
            root[j][j] = pivot.squareRoot()
            for i in (j + 1)..<k {
                root[i][j] = (matrix[i][j] - (0..<j).reduce(0.0) { $0 + root[i][$1] * root[j][$1] }) / root[j][j]
            }
        }
        return root
    }
}

extension SplitMix {
    /// A standard normal draw (Box-Muller).
    mutating func normal() -> Double {
        let u = (Double(next() >> 11) + 0.5) * 0x1p-53, v = Double(next() >> 11) * 0x1p-53
        return (-2 * Foundation.log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
