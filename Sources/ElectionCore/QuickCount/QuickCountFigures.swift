import Foundation

/// One estimated ratio as a page and the API show it: the estimate, its standard error and its
/// 95% and 99% intervals (fractions, not percentages), cut at 0 and 1.
public struct EstimatedShare: Sendable, Hashable, Codable {
    public var estimate: Double
    public var standardError: Double
    public var low95: Double
    public var high95: Double
    public var low99: Double
    public var high99: Double

    public init(_ estimate: RatioEstimate) {
        self.estimate = estimate.ratio
        standardError = estimate.standardError
        // Every figure estimated is a share, so an interval is cut at 0 and 1: the normal
        // approximation can reach past them for a small party, where no share can lie.
        let i95 = estimate.interval(.ninetyFive), i99 = estimate.interval(.ninetyNine)
        (low95, high95, low99, high99) = (max(0, i95.lowerBound), min(1, i95.upperBound), max(0, i99.lowerBound), min(1, i99.upperBound))
    }

    /// Whether `value` lies in the interval at `confidence`.
    public func covers(_ value: Double, _ confidence: RatioEstimate.Confidence) -> Bool {
        confidence == .ninetyFive ? (low95...high95).contains(value) : (low99...high99).contains(value)
    }
}

/// A quick count's estimates over some strata: each party's share of the valid votes, turnout
/// (ballots in the box over registered voters) and the invalid share (over ballots in the box).
public struct QuickCountFigures: Sendable, Hashable, Codable {
    public struct PartyShare: Sendable, Hashable, Codable {
        public var party: PartyNumber
        public var share: EstimatedShare
    }

    /// Parties in ballot order.
    public var parties: [PartyShare]
    public var turnout: EstimatedShare?
    public var invalidShare: EstimatedShare?
    /// The stations the estimates rest on.
    public var reportingStations: Int
    /// Strata resting on a single station: their spread is unknown, so the margins are understated.
    public var strataWithOneReport: Int

    /// The estimates from strata of counts (each stratum's frame size and its reporting stations'
    /// counts); nil when nothing has been reported or no valid vote was cast.
    public static func estimate(_ strata: [(frameStations: Int, counts: [ResultCounts])], parties: [PartyNumber]) -> QuickCountFigures? {
        // Each station's figures read once: its valid votes and each party's, by position.
        let rows = strata.map { stratum in
            (frameStations: stratum.frameStations, counts: stratum.counts, valid: stratum.counts.map(\.validVotes),
             votes: stratum.counts.map { counts in parties.map { counts.votes[$0] ?? 0 } })
        }
        func ratio(_ observe: (ResultCounts) -> RatioObservation) -> RatioEstimate? {
            RatioEstimator.estimate(rows.map { QuickCountStratum(name: "", frameStations: $0.frameStations, reports: $0.counts.map(observe)) })
        }
        var shares: [PartyShare] = []
        var first: RatioEstimate?
        for (p, party) in parties.enumerated() {
            let share = RatioEstimator.estimate(rows.map { row in
                QuickCountStratum(name: "", frameStations: row.frameStations,
                                  reports: row.valid.indices.map { RatioObservation(numerator: row.votes[$0][p], denominator: row.valid[$0]) })
            })
            guard let share else { return nil }
            first = first ?? share
            shares.append(PartyShare(party: party, share: EstimatedShare(share)))
        }
        guard let first else { return nil }
        return QuickCountFigures(
            parties: shares,
            turnout: ratio { RatioObservation(numerator: $0.ballotsInBox, denominator: $0.registeredVoters) }.map(EstimatedShare.init),
            invalidShare: ratio { RatioObservation(numerator: $0.invalidBallots, denominator: $0.ballotsInBox) }.map(EstimatedShare.init),
            reportingStations: first.reportingStations, strataWithOneReport: first.strataWithOneReport)
    }

    /// The share of one party.
    public func share(of party: PartyNumber) -> EstimatedShare? { parties.first { $0.party == party }?.share }
}
