/// The result of an allocation: seats decided, seats a tie leaves open, and every step.
///
/// The allocation keeps its steps as small records, lists by position; ``seats`` and ``steps`` are
/// built from them when read, so that allocating hashes no names.
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

    /// A step as the allocation records it: the list by position, the value as computed.
    struct Record: Sendable {
        enum Kind: String, Sendable {
            case quota, average, remainder, overQuota = "over-quota", threshold, cap, tieBreak = "tie-break", tie, minimum

            /// Whether the step's seats are seats won (or, over quota, given back).
            var awardsSeats: Bool {
                switch self {
                case .threshold, .cap, .tie: false
                default: true
                }
            }

            /// Shares and remainders are shown in lowest terms; reducing them while allocating
            /// would cost more than the allocation.
            var showsLowestTerms: Bool {
                switch self {
                case .quota, .remainder, .overQuota, .threshold: true
                default: false
                }
            }
        }

        var kind: Kind
        var contestant: Int
        var seats: Int
        var value: Rational
    }

    private let contestants: [SeatAllocation.Contestant]
    private let records: [Record]
    private var assignedSeats: [String: Int]?
    private var assignedSteps: [Step]?

    /// Set when the method and the tie-break leave seats undecided: a drawing of lots is required.
    public var tie: Tie?

    init(contestants: [SeatAllocation.Contestant], records: [Record], tie: Tie?) {
        self.contestants = contestants
        self.records = records
        self.tie = tie
    }

    /// Seats per list, for every list (0 for those that won none).
    public var seats: [String: Int] {
        get { assignedSeats ?? Dictionary(uniqueKeysWithValues: zip(contestants.lazy.map(\.name), seatsInOrder)) }
        set { assignedSeats = newValue }
    }

    /// Seats per list in the order of the allocation's contestants: ``seats`` without hashing the
    /// names, for a caller that has them in that order.
    public var seatsInOrder: [Int] {
        if let assignedSeats { return contestants.map { assignedSeats[$0.name] ?? 0 } }
        var won = Array(repeating: 0, count: contestants.count)
        for record in records where record.kind.awardsSeats { won[record.contestant] += record.seats }
        return won
    }

    /// Every step, in the order it was taken.
    public var steps: [Step] {
        get {
            assignedSteps ?? records.map {
                Step(kind: $0.kind.rawValue, contestant: contestants[$0.contestant].name, seats: $0.seats,
                     value: $0.kind.showsLowestTerms ? $0.value.reduced : $0.value)
            }
        }
        set { assignedSteps = newValue }
    }

    public static func == (a: AllocationOutcome, b: AllocationOutcome) -> Bool {
        a.seats == b.seats && a.tie == b.tie && a.steps == b.steps
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seats)
        hasher.combine(tie)
        hasher.combine(steps)
    }
}
