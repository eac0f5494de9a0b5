/// The votes of one constituency and the rules for turning them into seats.
public struct SeatAllocation: Sendable {
    /// One list standing in the constituency.
    public struct Contestant: Sendable, Hashable {
        public var name: String
        public var votes: Int
        /// Candidates on the list: it cannot win more seats than it has. Nil means no limit.
        public var cap: Int?

        public init(name: String, votes: Int, cap: Int? = nil) {
            self.name = name
            self.votes = votes
            self.cap = cap
        }
    }

    /// What decides between lists that the method leaves equal, when the election's law says.
    public enum TieBreak: Sendable, Hashable {
        /// The law says nothing: a tie is reported, never decided.
        case none
        /// The list with more votes wins; an equal vote is still a tie.
        case mostVotes
        /// A recorded order (ballot order, or the result of a drawing of lots): earlier wins.
        case order([String])
    }

    /// Why votes cannot be allocated as given.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case noSeats
        case noContestants
        case negativeVotes(String)
        case duplicateName(String)
        case thresholdOutOfRange
        case minimumTooLarge
        case huntingtonHillNeedsAMinimum

        public var description: String {
            switch self {
            case .noSeats: "there must be at least one seat"
            case .noContestants: "there must be at least one list"
            case .negativeVotes(let name): "votes of \(name) must not be negative"
            case .duplicateName(let name): "\(name) appears twice"
            case .thresholdOutOfRange: "the threshold must be a share between 0 and 1"
            case .minimumTooLarge: "the minimum per constituency times the constituencies exceeds the seats"
            case .huntingtonHillNeedsAMinimum: "Huntington-Hill gives every constituency at least one seat: the minimum must be at least 1"
            }
        }
    }

    public var method: SeatMethod
    public var seats: Int
    public var contestants: [Contestant]
    /// Lists with a smaller share of the valid votes win nothing.
    public var threshold: Rational
    public var tieBreak: TieBreak
    /// Seats every eligible contestant gets whatever its votes (apportioning a house among
    /// constituencies with a guaranteed minimum); 0 for party lists.
    public var minimum: Int

    public init(
        method: SeatMethod, seats: Int, contestants: [Contestant], threshold: Rational = Rational(0),
        tieBreak: TieBreak = .none, minimum: Int = 0
    ) {
        self.method = method
        self.seats = seats
        self.contestants = contestants
        self.threshold = threshold
        self.tieBreak = tieBreak
        self.minimum = minimum
    }
}
