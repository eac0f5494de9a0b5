import Foundation

/// Everything a mission's quick count says at a moment: national and constituency estimates,
/// projected seats, how far reporting has come in each stratum, how the estimate moved, whether
/// missing stations could bias it, and where two observers' counts of a station disagree.
public struct QuickCountEstimates: Sendable, Hashable, Codable {
    /// Reporting in one stratum of the sample.
    public struct StratumProgress: Sendable, Hashable, Codable {
        public var unit: UnitCode
        public var frameStations: Int
        public var sampled: Int
        /// Sampled stations whose count is in.
        public var reported: Int
        /// Substitutes standing for sampled stations not reported.
        public var substitutes: Int
        /// Stations standing for the stratum: sampled ones reported and substitutes.
        public var standing: Int { reported + substitutes }
        public var missing: Int { sampled - standing }
    }

    public struct ConstituencyFigures: Sendable, Hashable, Codable {
        public var code: ProvinceCode
        public var seats: Int
        public var figures: QuickCountFigures?
    }

    /// The national estimate once `reports` stations stood for the sample.
    public struct Moment: Sendable, Hashable, Codable {
        public var reports: Int
        public var at: Date?
        public var parties: [QuickCountFigures.PartyShare]
    }

    /// What could bias the estimate: stations that have not reported are assumed to vote like
    /// those that have in their stratum; these figures say how far that assumption is leaned on.
    public struct Bias: Sendable, Hashable, Codable {
        public var sampled: Int
        public var missing: Int
        /// Strata where fewer than half the sampled stations are stood for.
        public var strataBelowHalf: [UnitCode]
        /// Mean registered voters of the stations standing and of the sampled stations that have
        /// not reported (replaced by a substitute or not): a difference says the stations that do
        /// not report are of another kind (larger, more urban, ...).
        public var meanRegisteredStanding: Double?
        public var meanRegisteredMissing: Double?

        /// Whether the page must warn: more than 5% of the sample missing, a stratum below half,
        /// or missing stations differing in size by more than a tenth.
        public var mayBias: Bool {
            guard missing > 0 else { return false }
            if 20 * missing > sampled || !strataBelowHalf.isEmpty { return true }
            guard let standing = meanRegisteredStanding, let absent = meanRegisteredMissing, standing > 0 else { return false }
            return abs(absent - standing) > standing / 10
        }
    }

    public var sampled: Int
    public var national: QuickCountFigures?
    /// By constituency when the strata lie within constituencies; empty when they do not.
    public var constituencies: [ConstituencyFigures]
    public var projection: SeatProjection?
    public var strata: [StratumProgress]
    public var history: [Moment]
    public var bias: Bias
    /// Stations where a second observer's count differs from the first.
    public var discrepancies: [StationCountRecord]
    /// Stations where a second observer's count agrees with the first.
    public var confirmed: Int

    /// Stations the estimates rest on, across the strata.
    public var standing: Int { strata.reduce(0) { $0 + $1.standing } }

    /// What the election gives the estimate: its parties, seats and method.
    public struct Election: Sendable {
        public var parties: [PartyNumber]
        public var seats: [ProvinceCode: Int]
        public var method: SeatMethod
        public var threshold: Rational
        public init(parties: [PartyNumber], seats: [ProvinceCode: Int], method: SeatMethod, threshold: Rational = Rational(0)) {
            self.parties = parties
            self.seats = seats
            self.method = method
            self.threshold = threshold
        }
    }

    /// What `election` gives the estimate, with its parties and constituencies as stored.
    public static func election(_ election: ElectionCore.Election, parties: [Party], constituencies: [Constituency]) -> Election {
        Election(
            parties: parties.map(\.id).sorted(), seats: Dictionary(uniqueKeysWithValues: constituencies.map { ($0.id, $0.seats) }),
            method: SeatMethod(name: election.seatAllocationMethod) ?? .dHondt, threshold: election.seatRules.constituencyThreshold)
    }

    /// The estimates from the sample and the counts received for it, in the order received;
    /// `registered` gives the registered voters (from the frame) of the sample's stations and
    /// substitutes.
    public static func make(
        sample: QuickCountSample, counts: [ObservedCount], election: Election, registered: [StationCode: Int], simulations: Int = 1_000
    ) -> QuickCountEstimates {
        let inSample = Set(sample.stations.map(\.code))
        let received = counts.filter { inSample.contains($0.stationCode) }
        let records = StationCountRecord.records(received)
        let standing = sample.standing(reported: Set(records.keys))

        func strata(_ rows: [(stratum: StationDraw.Stratum, standing: [StationCode])]) -> [(frameStations: Int, counts: [ResultCounts])] {
            rows.map { ($0.stratum.frameStations, $0.standing.compactMap { records[$0]?.first.counts }) }
        }
        let national = QuickCountFigures.estimate(strata(standing), parties: election.parties)

        var constituencies: [ConstituencyFigures] = []
        var projection: SeatProjection?
        if sample.strata != .none {
            let byProvince = Dictionary(grouping: standing) { $0.stratum.unit.province! }
            constituencies = byProvince.keys.sorted().map { code in
                ConstituencyFigures(code: code, seats: election.seats[code] ?? 0, figures: QuickCountFigures.estimate(strata(byProvince[code]!), parties: election.parties))
            }
            let inputs = byProvince.keys.sorted().filter { (election.seats[$0] ?? 0) > 0 }.map {
                SeatProjection.Input(code: $0, seats: election.seats[$0]!, strata: strata(byProvince[$0]!))
            }
            // Seats are projected only when the sample covers every constituency that has seats.
            if Set(inputs.map(\.code)) == Set(election.seats.filter { $0.value > 0 }.keys) {
                projection = SeatProjection.simulate(
                    inputs, parties: election.parties, method: election.method, threshold: election.threshold, simulations: simulations, seed: sample.seed)
            }
        }

        let progress = standing.map { row in
            let drawn = Set(row.stratum.drawn)
            let reported = row.standing.filter { drawn.contains($0) }.count
            return StratumProgress(
                unit: row.stratum.unit, frameStations: row.stratum.frameStations, sampled: row.stratum.drawn.count, reported: reported,
                substitutes: row.standing.count - reported)
        }
        let standingCodes = Set(standing.flatMap(\.standing))
        let missingCodes = standing.flatMap { row in row.stratum.drawn.filter { !records.keys.contains($0) } }
        let replaced = progress.reduce(0) { $0 + $1.substitutes }
        func mean(_ codes: some Collection<StationCode>) -> Double? {
            let values = codes.compactMap { registered[$0] }
            return values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
        }
        // The sampled stations replaced by substitutes are not missing; the rest are.
        let unreplaced = missingCodes.count - replaced
        let bias = Bias(
            sampled: sample.sampled.count, missing: max(0, unreplaced),
            strataBelowHalf: progress.filter { 2 * $0.standing < $0.sampled }.map(\.unit),
            meanRegisteredStanding: mean(standingCodes), meanRegisteredMissing: mean(missingCodes))

        return QuickCountEstimates(
            sampled: sample.sampled.count, national: national, constituencies: constituencies, projection: projection, strata: progress,
            history: history(sample: sample, received: received, parties: election.parties), bias: bias,
            discrepancies: records.values.filter { !$0.differences.isEmpty }.sorted { $0.stationCode < $1.stationCode },
            confirmed: records.values.filter(\.confirmed).count)
    }

    /// The national shares after each tenth of the stations reporting (by first count received),
    /// and once all in.
    static func history(sample: QuickCountSample, received: [ObservedCount], parties: [PartyNumber]) -> [Moment] {
        var order: [ObservedCount] = []
        var seen: Set<StationCode> = []
        for count in received where seen.insert(count.stationCode).inserted { order.append(count) }
        guard !order.isEmpty else { return [] }
        let step = max(1, (sample.sampled.count + 9) / 10)
        var marks = Array(stride(from: step, to: order.count, by: step))
        marks.append(order.count)
        return marks.compactMap { n in
            let firsts = Dictionary(uniqueKeysWithValues: order.prefix(n).map { ($0.stationCode, $0.counts) })
            let rows = sample.standing(reported: Set(firsts.keys)).map { ($0.stratum.frameStations, $0.standing.compactMap { firsts[$0] }) }
            guard let figures = QuickCountFigures.estimate(rows, parties: parties) else { return nil }
            return Moment(reports: figures.reportingStations, at: order[n - 1].receivedAt, parties: figures.parties)
        }
    }
}
