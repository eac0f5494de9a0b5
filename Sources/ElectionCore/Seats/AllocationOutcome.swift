/// The result of an allocation: seats decided, seats a tie leaves open, seats no list can take,
/// and every step.
///
/// Allocating keeps only the seats, by the lists' positions, and the tie: ``seats`` puts the
/// names to them when read, and ``steps`` runs the allocation again, recording every step.
public struct AllocationOutcome: Sendable, Hashable {
    /// Lists equal for the last seats, and how many of those seats they are equal for.
    public struct Tie: Sendable, Hashable {
        public var contestants: [String]
        public var seats: Int

        public init(contestants: [String], seats: Int) {
            self.contestants = contestants
            self.seats = seats
        }
    }

    /// One decision, in the order it was made.
    public struct Step: Sendable, Hashable {
        /// `quota` (seats for full quotas), `average` (a seat to the highest quotient),
        /// `remainder` (a seat to the largest remainder), `threshold` (a list excluded),
        /// `cap` (a list out of candidates), `tie-break` or `tie`.
        public var kind: String
        public var contestant: String
        public var seats: Int
        /// The quotient, remainder or share that decided it.
        public var value: Rational
    }

    /// What was allocated: the steps come from running it again.
    private let allocation: SeatAllocation
    private let won: [Int]
    private var assignedSeats: [String: Int]? = nil
    private var assignedSteps: [Step]? = nil

    /// Set when the method and the tie-break leave seats undecided: a drawing of lots is required.
    public var tie: Tie?
    /// Seats the method cannot fill: every list still in the running is out of candidates or
    /// (largest remainders) has had its one remainder seat. They stay empty; they are not a tie.
    public var unfilled: Int

    /// A factory, not an init: the memberwise init builds the value in place, where a written
    /// init left the optimizer copying it.
    static func of(_ allocation: SeatAllocation, won: [Int], tie: Tie?, unfilled: Int) -> AllocationOutcome {
        AllocationOutcome(allocation: allocation, won: won, tie: tie, unfilled: unfilled)
    }

    /// Seats per list in the order the allocation gave the lists: for callers that allocate many
    /// times over the same lists and need no names.
    public var seatsInOrder: [Int] { won }

    /// Seats per list, for every list (0 for those that won none).
    public var seats: [String: Int] {
        get { assignedSeats ?? Dictionary(uniqueKeysWithValues: zip(allocation.contestants.lazy.map(\.name), won)) }
        set { assignedSeats = newValue }
    }

    /// Every step, in the order it was taken (worked out again when read).
    public var steps: [Step] {
        get { assignedSteps ?? allocation.trace() }
        set { assignedSteps = newValue }
    }

    /// Outcomes are equal when their seats, ties and steps are.
    public static func == (a: AllocationOutcome, b: AllocationOutcome) -> Bool {
        a.seats == b.seats && a.tie == b.tie && a.unfilled == b.unfilled && a.steps == b.steps
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seats)
        hasher.combine(tie)
        hasher.combine(unfilled)
        hasher.combine(steps)
    }
}
