/// The seats of one constituency shared among the parties by its votes, and who fills them.
public struct ConstituencySeats: Sendable, Hashable {
    public var constituencyCode: ProvinceCode
    /// The allocation with its trace; contestants are named by the party's ballot number.
    public var outcome: AllocationOutcome
    /// Seats per party.
    public var seatsByParty: [PartyNumber: Int]
    /// The tie the law does not settle, with parties by ballot number.
    public var tie: SeatTie?
    /// Seats no party can take (every list in the running out of candidates): they stay empty.
    public var unfilled: Int
    /// Candidates elected, party by party in ballot order, each party's in list order.
    public var elected: [Candidate]

    /// Shares `seats` among the parties by `votes` (ballot number → valid votes) with `method`;
    /// each party can win at most as many seats as it has candidates, and its seats go to its
    /// candidates in list order.
    public init(
        constituencyCode: ProvinceCode, seats: Int, method: SeatMethod, votes: [PartyNumber: Int], lists: [PartyNumber: [Candidate]],
        threshold: Rational = Rational(0), tieBreak: SeatAllocation.TieBreak = .none
    ) throws {
        let parties = votes.keys.sorted()
        let byName = Dictionary(uniqueKeysWithValues: parties.map { ($0.description, $0) })
        let contestants = parties.map { party in
            SeatAllocation.Contestant(name: party.description, votes: votes[party] ?? 0, cap: lists[party]?.count ?? 0)
        }
        let outcome = try SeatAllocation(method: method, seats: seats, contestants: contestants, threshold: threshold, tieBreak: tieBreak).allocate()
        self.outcome = outcome
        self.constituencyCode = constituencyCode
        let seats = Dictionary(uniqueKeysWithValues: outcome.seats.compactMap { name, n in byName[name].map { ($0, n) } })
        seatsByParty = seats
        tie = outcome.tie.map { SeatTie(parties: $0.contestants.compactMap { byName[$0] }.sorted(), seats: $0.seats) }
        unfilled = outcome.unfilled
        elected = parties.flatMap { party in
            (lists[party] ?? []).sorted { $0.listPosition < $1.listPosition }.prefix(seats[party] ?? 0)
        }
    }
}

extension SeatMethod {
    /// The method with this name, as `sala seats` and ``Election/seatAllocationMethod`` write it:
    /// `dhondt`, `cambodia` (also `highest-average`, the name Cambodia's law gives it),
    /// `sainte-lague`, `modified-sainte-lague` (which needs `firstDivisor` > 0), or a
    /// largest-remainder quota (`hare`, `droop`, `hagenbach-bischoff`, `imperiali`).
    /// Every name ``init(name:firstDivisor:)`` reads.
    public static let names = ["dhondt", "cambodia", "highest-average", "sainte-lague", "modified-sainte-lague"]
        + Quota.allCases.map(\.rawValue)

    public init?(name: String, firstDivisor: Rational? = nil) {
        switch name {
        case "dhondt": self = .dHondt
        case "cambodia", "highest-average": self = .cambodia
        case "sainte-lague": self = .sainteLague
        case "modified-sainte-lague":
            guard let firstDivisor, firstDivisor > Rational(0) else { return nil }
            self = .modifiedSainteLague(firstDivisor: firstDivisor)
        default:
            guard let quota = Quota(rawValue: name) else { return nil }
            self = .largestRemainder(quota)
        }
    }
}
