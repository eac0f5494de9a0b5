/// The running count of an allocation, by the contestants' positions, and its steps when asked for.
struct Tally {
    /// What the allocation keeps for one list while it runs.
    struct List {
        /// Candidates on the list (`Int.max` for no limit).
        var cap = Int.max
        /// The divisor methods: the priority of the list's next seat. Largest remainders: its remainder.
        var value = Rational(unreduced: 0, 1)
        /// What orders the lists in a pass, as a whole number: -1 for a list not in the running.
        var key = -1
        /// The divisor methods: seats above the bar (see `seatsAboveBar`, which keeps them below 2³¹).
        /// Small fields keep a list in 40 bytes, so that 25 lists fit in the kilobyte that
        /// `withUnsafeTemporaryAllocation` takes from the stack.
        var above: Int32 = 0
        /// Not excluded by the threshold.
        var eligible = true
        /// Largest remainders: shares by the quota (not held at the minimum).
        var free = false
    }

    /// What a step did, named as ``AllocationOutcome/Step/kind`` names it.
    enum Kind: String {
        case quota, average, remainder, overQuota = "over-quota", threshold, cap, tieBreak = "tie-break", tie, minimum

        /// Shares and remainders are shown in lowest terms; quotients as computed.
        var showsLowestTerms: Bool {
            switch self {
            case .quota, .remainder, .overQuota, .threshold: true
            default: false
            }
        }
    }

    /// Seats won, by position, and the rest of each list's state: memory the caller owns for
    /// the length of the allocation.
    let won: UnsafeMutableBufferPointer<Int>
    let lists: UnsafeMutableBufferPointer<List>
    /// Seats awarded so far (over-quota seats given back taken off).
    private(set) var awarded = 0
    var tie: AllocationOutcome.Tie?
    /// Seats no list can take: every list is out of candidates, excluded, or (largest remainders)
    /// has had its one remainder seat. Not a tie: no drawing of lots fills them.
    var unfilled = 0
    /// Whether to record the steps, which only the trace needs.
    let tracing: Bool
    /// A step with the list by its position.
    typealias Record = (kind: Kind, contestant: Int, seats: Int, value: Rational)
    private(set) var steps: [Record] = []

    init(contestants: [SeatAllocation.Contestant], won: UnsafeMutableBufferPointer<Int>, lists: UnsafeMutableBufferPointer<List>,
         tracing: Bool) {
        self.won = won
        self.lists = lists
        self.tracing = tracing
        won.initialize(repeating: 0)
        lists.initialize(repeating: List())
        for i in contestants.indices { lists[i].cap = contestants[i].cap ?? .max }
    }

    func canWin(_ i: Int) -> Bool {
        won[i] < lists[i].cap
    }

    /// `seats`, or fewer if the list runs out of candidates (noted as a step).
    mutating func limited(_ i: Int, _ seats: Int) -> Int {
        let cap = lists[i].cap
        guard seats > cap else { return seats }
        step(.cap, i, cap, Rational(unreduced: cap, 1))
        return cap
    }

    mutating func award(_ i: Int, _ seats: Int, _ kind: Kind, _ value: Rational) {
        won[i] += seats
        awarded += seats
        step(kind, i, seats, value)
    }

    mutating func step(_ kind: Kind, _ i: Int, _ seats: Int, _ value: Rational) {
        guard tracing else { return }
        steps.append((kind, i, seats, value))
    }

    /// The highest key, the first list that has it, and whether another list has it too. One pass
    /// of max and min, without branches the processor would mispredict: every pass of an
    /// allocation runs through here.
    func highestKey() -> (key: Int, first: Int, shared: Bool) {
        var best = -1
        var second = -1
        var first = 0
        for i in lists.indices {
            let key = lists[i].key
            first = key > best ? i : first
            second = max(second, min(key, best))
            best = max(best, key)
        }
        return (best, first, second == best)
    }

    /// The lists whose key is `key`, in order.
    func lists(withKey key: Int) -> [Int] {
        lists.indices.filter { lists[$0].key == key }
    }
}
