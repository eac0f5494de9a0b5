extension SeatAllocation {
    /// Shares the seats by the method, exactly. A tie that the tie-break does not settle is
    /// returned as ``AllocationOutcome/tie``, with the seats it leaves open; it is never decided here.
    public func allocate() throws -> AllocationOutcome {
        guard seats > 0 else { throw Problem.noSeats }
        guard !contestants.isEmpty else { throw Problem.noContestants }
        try checkContestants()
        // A rational's denominator is positive, so this is 0 ≤ threshold ≤ 1 without multiplying.
        guard threshold.numerator >= 0, threshold.numerator <= threshold.denominator else { throw Problem.thresholdOutOfRange }

        // The lists' working state lives on the stack (for up to a few dozen lists): allocating
        // it on the heap would cost about as much as the arithmetic.
        return try withUnsafeTemporaryAllocation(of: Tally.List.self, capacity: contestants.count) { lists in
            var tally = Tally(contestants: contestants, lists: lists, steps: expectedSteps)
            try share(&tally)
            return tally.outcome()
        }
    }

    /// About as many steps as an allocation takes without caps or ties: a seat by seat trace for
    /// the divisor methods, a quota and a remainder a list for the others. Bounded, so that an
    /// absurd seat count does not reserve memory it will never use.
    private var expectedSteps: Int {
        let perList = (threshold.numerator > 0 ? 1 : 0) + (minimum > 0 ? 1 : 0)
        switch method {
        case .largestRemainder: return contestants.count * (2 + perList)
        case .cambodia: return min(seats, 1_000) + contestants.count * (1 + perList)
        default: return min(seats, 1_000) + contestants.count * perList
        }
    }

    private func share(_ tally: inout Tally) throws {
        var eligible = contestants.count
        if threshold.numerator > 0 {
            let total = contestants.reduce(0) { $0 + $1.votes }
            for i in contestants.indices {
                let share = total == 0 ? Rational(unreduced: 0, 1) : Rational(unreduced: contestants[i].votes, total)
                if share < threshold {
                    tally.step(.threshold, i, 0, share)
                    tally.lists[i].eligible = false
                    eligible -= 1
                }
            }
        }
        guard minimum >= 0, minimum * eligible <= seats else { throw Problem.minimumTooLarge }
        if case .huntingtonHill = method, minimum < 1 { throw Problem.huntingtonHillNeedsAMinimum }
        switch method {
        case .dHondt, .sainteLague, .modifiedSainteLague, .huntingtonHill:
            if minimum > 0 {
                for i in contestants.indices where tally.lists[i].eligible {
                    tally.award(i, tally.limited(i, minimum), .minimum, Rational(unreduced: minimum, 1))
                }
            }
            highestAverages(seats: seats - tally.awarded, tally: &tally)
        case .cambodia:
            // First step: one seat per full quota of the valid votes.
            var valid = 0
            for i in contestants.indices where tally.lists[i].eligible { valid += contestants[i].votes }
            if valid > 0 {
                for i in contestants.indices where tally.lists[i].eligible {
                    let votes = contestants[i].votes
                    let full = tally.limited(i, votes * seats / valid)
                    if full > 0 { tally.award(i, full, .quota, Rational(unreduced: votes * seats, valid)) }
                }
            }
            highestAverages(seats: seats - tally.awarded, tally: &tally)
        case .largestRemainder(let quota):
            largestRemainders(quota: quota, tally: &tally)
        }
    }

    /// Throws for the first contestant with negative votes or a name an earlier one has.
    private func checkContestants() throws {
        // Names are equal as Swift compares strings (canonically equivalent). ASCII names, the
        // usual case, are equal only byte for byte, so a checksum of their bytes sets two bits of
        // a small filter, and only a name whose bits are both set already is compared with the
        // earlier ones: far cheaper than hashing every name with Swift's Hasher. Any other name,
        // or too many lists for the filter, and the check goes through a Set.
        var seen: (UInt64, UInt64) = (0, 0)
        for i in contestants.indices where contestants.count <= 64 {
            let name = contestants[i].name
            guard contestants[i].votes >= 0 else { throw Problem.negativeVotes(name) }
            guard let sum = Self.asciiChecksum(name) else { break }
            let mixed = sum &* 0x9e37_79b9_7f4a_7c15
            let bits: (UInt64, UInt64) = (1 << (mixed >> 58), 1 << (mixed >> 52 & 63))
            if seen.0 & bits.0 != 0 && seen.1 & bits.1 != 0 {
                for j in 0..<i where contestants[j].name == name { throw Problem.duplicateName(name) }
            }
            seen = (seen.0 | bits.0, seen.1 | bits.1)
            if i == contestants.count - 1 { return }
        }
        var names = Set<String>(minimumCapacity: contestants.count)
        for c in contestants {
            guard c.votes >= 0 else { throw Problem.negativeVotes(c.name) }
            guard names.insert(c.name).inserted else { throw Problem.duplicateName(c.name) }
        }
    }

    /// FNV-1a of the UTF-8 bytes; nil for a name that is not all ASCII (or not stored contiguously).
    private static func asciiChecksum(_ name: String) -> UInt64? {
        name.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
            var sum: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                sum = (sum ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            return sum
        } ?? nil
    }

    /// The divisor methods: each seat to the highest priority (votes / divisor of seats won).
    ///
    /// Each pass looks at every list, so it compares whole numbers: keys, the priorities shifted
    /// left as far as they safely can be and divided, rounded down (-1 for a list that cannot win).
    /// Rounding down keeps the order, so a smaller key is a smaller priority; only lists with equal
    /// keys need their priorities compared exactly.
    private func highestAverages(seats: Int, tally: inout Tally) {
        var remaining = seats
        guard remaining > 0 else { return }
        let shift = keyShift()
        for i in contestants.indices where tally.lists[i].eligible && tally.canWin(i) { setPriority(i, shift, &tally) }
        while remaining > 0 {
            let (bestKey, first, shared) = tally.highestKey()
            guard bestKey >= 0 else {
                tally.tie = .init(contestants: [], seats: remaining)
                return
            }
            guard shared else {
                seat(first, tally.lists[first].value, shift, &tally)
                remaining -= 1
                continue
            }
            // Equal keys: the highest priority among them and how many lists have it, exactly.
            // Equal quotients may be written differently; the step shows the last list's, as it
            // always has.
            let candidates = tally.lists(withKey: bestKey)
            var best = tally.lists[first].value
            var count = 0
            for i in candidates {
                let priority = tally.lists[i].value
                if priority < best { continue }
                if best < priority { count = 0 }
                count += 1
                best = priority
            }
            let tied = candidates.filter { tally.lists[$0].value == best }
            guard count <= remaining else {
                settle(tied, seats: remaining, value: best, tally: &tally)
                return
            }
            for i in tied { seat(i, best, shift, &tally) }
            remaining -= count
        }
    }

    /// A seat to list `i` at `priority`; it then has the priority of its next seat, or drops out
    /// when it is out of candidates.
    private func seat(_ i: Int, _ priority: Rational, _ shift: Int?, _ tally: inout Tally) {
        tally.award(i, 1, .average, priority)
        if tally.canWin(i) {
            setPriority(i, shift, &tally)
        } else {
            tally.lists[i].key = -1
        }
    }

    private func setPriority(_ i: Int, _ shift: Int?, _ tally: inout Tally) {
        let priority = method.priority(votes: contestants[i].votes, afterSeats: tally.lists[i].won)
        tally.lists[i].value = priority
        // Without a shift every key is 0 and every comparison exact.
        tally.lists[i].key = shift.map { (priority.numerator << $0) / priority.denominator } ?? 0
    }

    /// How far any priority's numerator can be shifted left and stay below 2⁶²; nil when no bound
    /// is known. Denominators are then at least 1 (an open list has won at least its minimum).
    private func keyShift() -> Int? {
        let votes = contestants.reduce(0) { max($0, $1.votes) }
        let largest: (partialValue: Int, overflow: Bool)
        switch method {
        case .huntingtonHill: largest = votes.multipliedReportingOverflow(by: votes)
        case .modifiedSainteLague(let first):
            guard first.numerator > 0 else { return nil }
            largest = votes.multipliedReportingOverflow(by: first.denominator)
        default: largest = (votes, false)
        }
        guard !largest.overflow else { return nil }
        return Int.bitWidth - 2 - (Int.bitWidth - largest.partialValue.leadingZeroBitCount)
    }

    /// More lists are equal than seats are left: the tie-break decides what it can; the rest is a tie.
    func settle(_ tied: [Int], seats: Int, value: Rational, tally: inout Tally) {
        var ranked: [[Int]]
        switch tieBreak {
        case .none:
            ranked = [tied]
        case .mostVotes:
            ranked = Dictionary(grouping: tied) { contestants[$0].votes }.sorted { $0.key > $1.key }.map(\.value)
        case .order(let order):
            let position = { (i: Int) in order.firstIndex(of: contestants[i].name) }
            let known = tied.filter { position($0) != nil }.sorted { position($0)! < position($1)! }.map { [$0] }
            let unknown = tied.filter { position($0) == nil }
            ranked = known + (unknown.isEmpty ? [] : [unknown])
        }
        var left = seats
        for group in ranked where left > 0 {
            if group.count <= left {
                for i in group { tally.award(i, 1, .tieBreak, value) }
                left -= group.count
            } else {
                let names = group.map { contestants[$0].name }.sorted()
                for i in group.sorted(by: { contestants[$0].name < contestants[$1].name }) { tally.step(.tie, i, 0, value) }
                tally.tie = .init(contestants: names, seats: left)
                return
            }
        }
    }
}
