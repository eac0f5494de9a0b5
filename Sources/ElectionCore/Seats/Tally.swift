/// The running count of an allocation, by the contestants' positions, and its steps.
struct Tally {
    /// What the allocation keeps for one list while it runs.
    struct List {
        var won = 0
        /// Not excluded by the threshold.
        var eligible = true
        /// Largest remainders: shares by the quota (not held at the minimum).
        var free = false
        /// The divisor methods: the priority of the list's next seat. Largest remainders: its remainder.
        var value = Rational(unreduced: 0, 1)
        /// What orders the lists in a pass, as a whole number: -1 for a list not in the running.
        var key = -1
    }

    let contestants: [SeatAllocation.Contestant]
    /// By position; memory the caller owns for the length of the allocation.
    let lists: UnsafeMutableBufferPointer<List>
    /// Seats awarded so far (over-quota seats given back taken off).
    private(set) var awarded = 0
    var tie: AllocationOutcome.Tie?
    private var records: [AllocationOutcome.Record] = []

    /// `steps`: about as many as the allocation will take, so that its trace is allocated once.
    init(contestants: [SeatAllocation.Contestant], lists: UnsafeMutableBufferPointer<List>, steps: Int) {
        self.contestants = contestants
        self.lists = lists
        lists.initialize(repeating: List())
        records.reserveCapacity(steps)
    }

    func canWin(_ i: Int) -> Bool {
        guard let cap = contestants[i].cap else { return true }
        return lists[i].won < cap
    }

    /// `seats`, or fewer if the list runs out of candidates (noted as a step).
    mutating func limited(_ i: Int, _ seats: Int) -> Int {
        guard let cap = contestants[i].cap, seats > cap else { return seats }
        step(.cap, i, cap, Rational(unreduced: cap, 1))
        return cap
    }

    mutating func award(_ i: Int, _ seats: Int, _ kind: AllocationOutcome.Record.Kind, _ value: Rational) {
        lists[i].won += seats
        awarded += seats
        step(kind, i, seats, value)
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

    mutating func step(_ kind: AllocationOutcome.Record.Kind, _ i: Int, _ seats: Int, _ value: Rational) {
        records.append(.init(kind: kind, contestant: i, seats: seats, value: value))
    }

    func outcome() -> AllocationOutcome {
        AllocationOutcome(contestants: contestants, records: records, tie: tie)
    }
}
