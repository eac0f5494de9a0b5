/// The figures of one polling station's count protocol, as the commission writes them on the paper form.
public struct ResultCounts: Sendable, Hashable, Codable {
    /// Voters on the station's list.
    public var registeredVoters: Int
    /// Ballot papers the station received before opening.
    public var ballotsReceived: Int
    /// Ballot papers handed to voters: the voters who signed the list.
    public var ballotsIssued: Int
    /// Ballot papers found in the box at the count.
    public var ballotsInBox: Int
    /// Ballot papers spoiled by voters and replaced, or cancelled by the commission.
    public var spoiledBallots: Int
    /// Ballot papers never handed out.
    public var unusedBallots: Int
    /// Ballots in the box that count for no party.
    public var invalidBallots: Int
    /// Valid votes for each party on the ballot, by ballot number.
    public var votes: [PartyNumber: Int]

    public init(
        registeredVoters: Int, ballotsReceived: Int, ballotsIssued: Int, ballotsInBox: Int,
        spoiledBallots: Int, unusedBallots: Int, invalidBallots: Int, votes: [PartyNumber: Int]
    ) {
        self.registeredVoters = registeredVoters
        self.ballotsReceived = ballotsReceived
        self.ballotsIssued = ballotsIssued
        self.ballotsInBox = ballotsInBox
        self.spoiledBallots = spoiledBallots
        self.unusedBallots = unusedBallots
        self.invalidBallots = invalidBallots
        self.votes = votes
    }

    /// Valid votes: the sum of the parties' votes.
    public var validVotes: Int { votes.values.reduce(0, +) }

    /// The form's numeric fields other than the parties' votes, by their field names, in form order.
    public static let fieldNames = [
        "registeredVoters", "ballotsReceived", "ballotsIssued", "ballotsInBox",
        "spoiledBallots", "unusedBallots", "invalidBallots",
    ]

    /// The value of one of ``fieldNames``.
    public func value(of field: String) -> Int? {
        switch field {
        case "registeredVoters": registeredVoters
        case "ballotsReceived": ballotsReceived
        case "ballotsIssued": ballotsIssued
        case "ballotsInBox": ballotsInBox
        case "spoiledBallots": spoiledBallots
        case "unusedBallots": unusedBallots
        case "invalidBallots": invalidBallots
        default: nil
        }
    }

    /// Fields where two entries of the same paper form differ: field names, and `votes.N` for party N.
    public func differences(from other: ResultCounts) -> [String] {
        var fields = Self.fieldNames.filter { value(of: $0) != other.value(of: $0) }
        for party in Set(votes.keys).union(other.votes.keys).sorted() where votes[party] != other.votes[party] {
            fields.append("votes.\(party)")
        }
        return fields
    }

    /// Adds another station's figures to these (aggregation).
    public mutating func add(_ other: ResultCounts) {
        registeredVoters += other.registeredVoters
        ballotsReceived += other.ballotsReceived
        ballotsIssued += other.ballotsIssued
        ballotsInBox += other.ballotsInBox
        spoiledBallots += other.spoiledBallots
        unusedBallots += other.unusedBallots
        invalidBallots += other.invalidBallots
        for (party, n) in other.votes { votes[party, default: 0] += n }
    }

    /// Takes another station's figures away from these: the figures of a form a correction replaced.
    public mutating func subtract(_ other: ResultCounts) {
        registeredVoters -= other.registeredVoters
        ballotsReceived -= other.ballotsReceived
        ballotsIssued -= other.ballotsIssued
        ballotsInBox -= other.ballotsInBox
        spoiledBallots -= other.spoiledBallots
        unusedBallots -= other.unusedBallots
        invalidBallots -= other.invalidBallots
        for (party, n) in other.votes { votes[party, default: 0] -= n }
    }

    /// All zero, for summing.
    public static let zero = ResultCounts(
        registeredVoters: 0, ballotsReceived: 0, ballotsIssued: 0, ballotsInBox: 0,
        spoiledBallots: 0, unusedBallots: 0, invalidBallots: 0, votes: [:])
}
