extension SeatAllocation {
    /// The divisor methods: each seat to the highest priority (votes / divisor of seats won).
    ///
    /// Each pass looks at every list, so it compares whole numbers: keys, the priorities shifted
    /// left as far as they safely can be and divided, rounded down (-1 for a list that cannot win).
    /// Rounding down keeps the order, so a smaller key is a smaller priority; only lists with equal
    /// keys need their priorities compared exactly.
    func highestAverages(seats: Int, tally: inout Tally) {
        var remaining = seats
        guard remaining > 0 else { return }
        if !tally.tracing { remaining -= seatsAboveBar(remaining, &tally) }
        let shift = keyShift()
        for i in contestants.indices where tally.lists[i].eligible && tally.canWin(i) { setPriority(i, shift, &tally) }
        while remaining > 0 {
            let (bestKey, first, shared) = tally.highestKey()
            guard bestKey >= 0 else {
                tally.unfilled = remaining
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
        let priority = method.priority(votes: contestants[i].votes, afterSeats: tally.won[i])
        tally.lists[i].value = priority
        // Without a shift every key is 0 and every comparison exact.
        tally.lists[i].key = shift.map { (priority.numerator << $0) / priority.denominator } ?? 0
    }

    /// How far any priority's numerator can be shifted left and stay below 2⁶²; nil when no bound
    /// is known. (Denominators are at least 1: a list in the running has won at least its minimum.)
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
        let bits = Int.bitWidth - largest.partialValue.leadingZeroBitCount
        return largest.overflow || bits > 62 ? nil : 62 - bits
    }

    /// The seats the passes would give first, given at once when no trace is kept. Every pass
    /// gives the lists their seats above a bar before any seat at or below it, as long as each
    /// seat a list wins lowers its priority; the bar is the priority of the eligible lists' votes
    /// together after all their seats but one (for D'Hondt, votes / seats), which leaves the
    /// passes about one seat a list. Nothing is given when those seats would be more than
    /// `remaining` (the passes might then end in a tie among them), or the numbers too large.
    private func seatsAboveBar(_ remaining: Int, _ tally: inout Tally) -> Int {
        guard method.prioritiesFall else { return 0 }
        // Bounds that keep the bar's numerator (votes², or votes × a first divisor's denominator)
        // and its divisor within Int: populations and seats are far smaller.
        if case .modifiedSainteLague(let first) = method, first.denominator >= 1 << 31 { return 0 }
        var votes = 0
        var held = 0
        for i in contestants.indices where tally.lists[i].eligible {
            guard contestants[i].votes < 1 << 31 else { return 0 }
            votes += contestants[i].votes
            held += tally.won[i]
            guard votes < 1 << 31 else { return 0 }
        }
        // Huntington-Hill's divisor after 0 seats is 0.
        guard votes > 0, held + remaining >= 2, held + remaining < 1 << 31 else { return 0 }
        let bar = method.priority(votes: votes, afterSeats: held + remaining - 1)
        var above = 0
        for i in contestants.indices where tally.lists[i].eligible {
            var seats = tally.won[i]
            while seats < tally.lists[i].cap, bar < method.priority(votes: contestants[i].votes, afterSeats: seats) { seats += 1 }
            tally.lists[i].above = Int32(seats - tally.won[i])
            above += seats - tally.won[i]
        }
        guard above <= remaining else { return 0 }
        for i in contestants.indices where tally.lists[i].above > 0 { tally.award(i, Int(tally.lists[i].above), .average, bar) }
        return above
    }
}
