/// A level of aggregation, from one station up to the nation.
public enum ResultLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case national
    case province
    case commune
    case station

    /// Digits of a unit code at this level (none for the nation).
    public var codeLength: Int {
        switch self {
        case .national: 0
        case .province: 2
        case .commune: 6
        case .station: 9
        }
    }
}

/// The accepted figures of every reporting station in one unit, summed.
public struct ResultTotals: Sendable, Hashable, Codable {
    public var level: ResultLevel
    /// The unit: its code is empty for the nation.
    public var code: UnitCode
    /// The sum of the current accepted version of every reporting station's form.
    public var counts: ResultCounts
    /// Stations whose form is accepted.
    public var stationsReported: Int
    /// Stations in the unit.
    public var stationsTotal: Int
    /// Voters on the register in the whole unit (reported or not).
    public var registeredOnList: Int
    /// Whether the unit's commission (or the NEC) has confirmed a complete count: then the
    /// figures are official, otherwise provisional.
    public var confirmed: Bool

    public init(
        level: ResultLevel, code: UnitCode, counts: ResultCounts, stationsReported: Int, stationsTotal: Int,
        registeredOnList: Int, confirmed: Bool
    ) {
        self.level = level
        self.code = code
        self.counts = counts
        self.stationsReported = stationsReported
        self.stationsTotal = stationsTotal
        self.registeredOnList = registeredOnList
        self.confirmed = confirmed
    }

    /// Every station has an accepted form.
    public var isComplete: Bool { stationsReported == stationsTotal }
    /// Official once complete and confirmed; provisional before.
    public var isOfficial: Bool { isComplete && confirmed }
    /// Ballots in the box over registered voters, at the reporting stations.
    public var turnout: Rational {
        counts.registeredVoters == 0 ? Rational(0) : Rational(counts.ballotsInBox, counts.registeredVoters)
    }
    /// Invalid ballots over ballots in the box.
    public var invalidShare: Rational {
        counts.ballotsInBox == 0 ? Rational(0) : Rational(counts.invalidBallots, counts.ballotsInBox)
    }
    /// The party with the most valid votes, or nil when none has votes or the first place is tied.
    public var leadingParty: PartyNumber? {
        let ranked = counts.votes.sorted { $0.value > $1.value }
        guard let first = ranked.first, first.value > 0 else { return nil }
        if ranked.count > 1, ranked[1].value == first.value { return nil }
        return first.key
    }
}
