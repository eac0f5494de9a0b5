import Foundation

/// The official results checked against a quick count: station by station where the mission has
/// an observer's count and the commission an accepted form, and nationally and by constituency
/// the official figures against the estimate's intervals.
public struct QuickCountCheck: Sendable, Hashable, Codable {
    /// A sampled station where the observer's count and the accepted official form differ.
    public struct StationDifference: Sendable, Hashable, Codable {
        public var stationCode: StationCode
        /// Fields that differ, as ``ResultCounts/differences(from:)`` names them.
        public var fields: [String]
        public var observed: ResultCounts
        public var official: ResultCounts
    }

    /// One official figure against its estimate.
    public struct Comparison: Sendable, Hashable, Codable {
        /// `party`, `turnout` or `invalid`.
        public var figure: String
        public var party: PartyNumber?
        public var official: Double
        public var estimate: EstimatedShare
        public var within95: Bool
        public var within99: Bool
    }

    public struct Area: Sendable, Hashable, Codable {
        /// Nil for the nation.
        public var code: ProvinceCode?
        public var comparisons: [Comparison]
        /// Whether any official figure lies outside its 99% interval.
        public var flagged: Bool { comparisons.contains { !$0.within99 } }
    }

    /// Sampled stations with both an observer's count and an accepted form.
    public var stationsCompared: Int
    public var stationDifferences: [StationDifference]
    public var nation: Area?
    public var constituencies: [Area]

    /// The check of `official` (accepted forms of the sampled stations; totals of the nation and of
    /// each constituency) against `estimates` and the observers' first counts.
    public static func make(
        estimates: QuickCountEstimates, records: [StationCode: StationCountRecord], officialForms: [StationCode: ResultCounts],
        officialNation: ResultCounts?, officialConstituencies: [ProvinceCode: ResultCounts]
    ) -> QuickCountCheck {
        let compared = records.keys.filter { officialForms[$0] != nil }.sorted()
        let differences = compared.compactMap { code -> StationDifference? in
            let observed = records[code]!.first.counts, official = officialForms[code]!
            let fields = observed.differences(from: official)
            return fields.isEmpty ? nil : StationDifference(stationCode: code, fields: fields, observed: observed, official: official)
        }
        return QuickCountCheck(
            stationsCompared: compared.count, stationDifferences: differences,
            nation: both(officialNation, estimates.national) { area(nil, $0, $1) },
            constituencies: estimates.constituencies.compactMap { c in
                both(officialConstituencies[c.code], c.figures) { area(c.code, $0, $1) }
            })
    }

    static func area(_ code: ProvinceCode?, _ official: ResultCounts, _ figures: QuickCountFigures) -> Area {
        func compare(_ figure: String, _ party: PartyNumber?, _ numerator: Int, _ denominator: Int, _ estimate: EstimatedShare?) -> Comparison? {
            guard let estimate, denominator > 0 else { return nil }
            let value = Double(numerator) / Double(denominator)
            return Comparison(
                figure: figure, party: party, official: value, estimate: estimate,
                within95: estimate.covers(value, .ninetyFive), within99: estimate.covers(value, .ninetyNine))
        }
        var comparisons = figures.parties.compactMap {
            compare("party", $0.party, official.votes[$0.party] ?? 0, official.validVotes, $0.share)
        }
        comparisons += [
            compare("turnout", nil, official.ballotsInBox, official.registeredVoters, figures.turnout),
            compare("invalid", nil, official.invalidBallots, official.ballotsInBox, figures.invalidShare),
        ].compactMap { $0 }
        return Area(code: code, comparisons: comparisons)
    }
}

private func both<A, B, C>(_ a: A?, _ b: B?, _ make: (A, B) -> C) -> C? {
    guard let a, let b else { return nil }
    return make(a, b)
}
