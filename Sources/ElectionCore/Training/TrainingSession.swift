import Foundation

/// A training session for the members of one tier of commissions: when, where, by whom, and for
/// which province (none for the NEC's own members, or a national session).
public struct TrainingSession: Sendable, Hashable, Codable {
    public var id: Int
    /// The tier whose members it trains.
    public var tier: CommissionLevel
    /// The province whose commissions it trains; nil for a national session.
    public var province: ProvinceCode?
    public var title: String
    public var day: CalendarDate
    public var starts: ClockTime
    public var ends: ClockTime
    public var place: String
    /// Who gives it, by name.
    public var trainers: [String]

    public init(
        id: Int, tier: CommissionLevel, province: ProvinceCode?, title: String, day: CalendarDate, starts: ClockTime, ends: ClockTime,
        place: String, trainers: [String]
    ) {
        self.id = id
        self.tier = tier
        self.province = province
        self.title = title
        self.day = day
        self.starts = starts
        self.ends = ends
        self.place = place
        self.trainers = trainers
    }

    /// The unit the session is kept on: its province, or the nation for a national session.
    public var unit: UnitCode { province.map(UnitCode.province) ?? .nation }

    /// Throws a ``Refusal`` unless the session can be held: it ends after it starts, has a
    /// trainer, and is for the province its tier needs (the NEC's members are trained nationally,
    /// the provincial commissions' nationally or in their province, the others in their province).
    public func requireHoldable() throws(Refusal) {
        guard ends > starts else { throw Refusal(.wrongState, field: "ends", "the session ends at \(ends), not after it starts at \(starts)") }
        guard !trainers.isEmpty else { throw Refusal(.reasonRequired, field: "trainers", "a session has at least one trainer") }
        switch (tier, province) {
        case (.national, nil), (.provincial, _), (.commune, .some), (.pollingStation, .some): break
        default: throw Refusal(.wrongState, field: "province", "a \(tier.rawValue) session is not held for \(province.map { "province \($0)" } ?? "the nation")")
        }
    }

    /// Whether the member of `commission` may be marked present: the session trains their tier,
    /// and, when it is for a province, their commission lies in it.
    public func trains(_ commission: Commission) -> Bool {
        commission.level == tier && (province == nil || commission.unitCode.province == province)
    }
}

/// A commission member by their commission and seat: who attended a session.
public struct MemberSeat: Sendable, Hashable, Codable, Comparable {
    public var commission: String
    public var seat: Int

    public init(commission: String, seat: Int) {
        self.commission = commission
        self.seat = seat
    }

    public static func < (a: MemberSeat, b: MemberSeat) -> Bool { (a.commission, a.seat) < (b.commission, b.seat) }
}

/// How many of a tier's members in a province (or nationwide, for the NEC) have attended at least
/// one session for their tier. A member appointed since counts as not trained until they attend.
public struct TrainingCoverage: Sendable, Hashable, Codable {
    public var tier: CommissionLevel
    /// Nil for the NEC's own members.
    public var province: ProvinceCode?
    public var members: Int
    public var trained: Int

    public init(tier: CommissionLevel, province: ProvinceCode?, members: Int, trained: Int) {
        self.tier = tier
        self.province = province
        self.members = members
        self.trained = trained
    }

    /// Rows added up, by tier (the nation's figure for each tier).
    public static func byTier(_ rows: [TrainingCoverage]) -> [TrainingCoverage] {
        CommissionLevel.allCases.compactMap { tier in
            let of = rows.filter { $0.tier == tier }
            guard !of.isEmpty else { return nil }
            return TrainingCoverage(tier: tier, province: nil, members: of.reduce(0) { $0 + $1.members }, trained: of.reduce(0) { $0 + $1.trained })
        }
    }
}
