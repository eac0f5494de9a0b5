/// An election's rules for sharing a constituency's seats beyond the method itself: the share of
/// the valid votes a party needs to win any seat, where that share is measured, and what breaks a
/// tie the method leaves. Another country's rules are data: Cambodia has no threshold and its law
/// does not settle a tie, so the tie is reported.
public struct SeatRules: Sendable, Hashable, Codable {
    /// Where the threshold's share of the valid votes is measured.
    public enum Scope: String, Sendable, Hashable, Codable, CaseIterable {
        /// In each constituency, among the parties standing there.
        case constituency
        /// Across the nation: a party below it wins no seat anywhere.
        case national
    }

    /// What settles a tie for the last seats.
    public enum Ties: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nothing: the tie is reported, for the drawing of lots the law may provide.
        case report
        /// The tied party with more votes in the constituency wins; equal votes are still a tie.
        case mostVotes = "most-votes"
        /// The tied party earlier on the constituency's ballot paper wins.
        case ballotOrder = "ballot-order"
    }

    /// The threshold as a percentage of the valid votes (`5`, `3.5`, `10/3`), or nil for none.
    public var thresholdPercent: String?
    public var thresholdScope: Scope
    public var ties: Ties

    /// No threshold, ties reported.
    public static let none = SeatRules(thresholdPercent: nil, thresholdScope: .constituency, ties: .report)

    public init(thresholdPercent: String?, thresholdScope: Scope, ties: Ties) {
        self.thresholdPercent = thresholdPercent
        self.thresholdScope = thresholdScope
        self.ties = ties
    }

    /// The threshold as a share of 1; nil when there is none or it is not a percentage from 0 to 100.
    public var threshold: Rational? {
        guard let text = thresholdPercent, let percent = Rational(text), percent <= Rational(100) else { return nil }
        return Rational(percent.numerator, percent.denominator * 100)
    }

    /// Why the rules cannot be used, or nil when they can.
    public var problem: String? {
        guard let text = thresholdPercent else { return nil }
        return threshold == nil ? "the threshold must be a percentage from 0 to 100, such as 5 or 3.5: \(text.prefix(20))" : nil
    }

    /// The parties a national threshold leaves out everywhere, given the nation's votes.
    public func excludedNationally(_ votes: [PartyNumber: Int]) -> Set<PartyNumber> {
        guard thresholdScope == .national, let threshold, threshold.numerator > 0 else { return [] }
        let valid = votes.values.reduce(0, +)
        guard valid > 0 else { return [] }
        return Set(votes.filter { Rational($0.value, valid) < threshold }.keys)
    }

    /// The allocation's tie break in a constituency whose ballot paper lists `ballot`.
    public func tieBreak(ballot: [PartyNumber]) -> SeatAllocation.TieBreak {
        switch ties {
        case .report: .none
        case .mostVotes: .mostVotes
        case .ballotOrder: .order(ballot.map(\.description))
        }
    }

    /// The threshold measured within each constituency (none when it is national).
    public var constituencyThreshold: Rational {
        thresholdScope == .constituency ? threshold ?? Rational(0) : Rational(0)
    }
}

extension ConstituencySeats {
    /// One constituency's seats under an election's `rules`: a party below a national threshold
    /// does not take part (its votes are set aside, as a constituency threshold sets aside a
    /// list's), a constituency threshold is measured among the parties standing, and a tie is
    /// broken as the rules say or reported.
    public init(
        constituencyCode: ProvinceCode, seats: Int, method: SeatMethod, rules: SeatRules, votes: [PartyNumber: Int],
        nationalVotes: [PartyNumber: Int], lists: [PartyNumber: [Candidate]], ballot: [PartyNumber]
    ) throws {
        let excluded = rules.excludedNationally(nationalVotes)
        let standing = votes.filter { !excluded.contains($0.key) }
        try self.init(
            constituencyCode: constituencyCode, seats: seats, method: method, votes: standing, lists: lists,
            threshold: rules.constituencyThreshold, tieBreak: rules.tieBreak(ballot: ballot))
    }
}
