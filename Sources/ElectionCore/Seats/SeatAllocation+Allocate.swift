extension SeatAllocation {
    /// Shares the seats by the method, exactly. A tie that the tie-break does not settle is
    /// returned as ``AllocationOutcome/tie``, with the seats it leaves open; it is never decided here.
    public func allocate() throws -> AllocationOutcome {
        guard seats > 0 else { throw Problem.noSeats }
        guard !contestants.isEmpty else { throw Problem.noContestants }
        var names = Set<String>()
        for c in contestants {
            guard c.votes >= 0 else { throw Problem.negativeVotes(c.name) }
            guard names.insert(c.name).inserted else { throw Problem.duplicateName(c.name) }
        }
        guard threshold >= Rational(0), threshold <= Rational(1) else { throw Problem.thresholdOutOfRange }

        var tally = Tally(contestants: contestants)
        let total = contestants.reduce(0) { $0 + $1.votes }
        var eligible = Array(contestants.indices)
        if threshold > Rational(0) {
            eligible = eligible.filter { i in
                let share = total == 0 ? Rational(0) : Rational(contestants[i].votes, total)
                if share < threshold {
                    tally.step("threshold", i, 0, share)
                    return false
                }
                return true
            }
        }
        guard minimum >= 0, minimum * eligible.count <= seats else { throw Problem.minimumTooLarge }
        if case .huntingtonHill = method, minimum < 1 { throw Problem.huntingtonHillNeedsAMinimum }
        switch method {
        case .dHondt, .sainteLague, .modifiedSainteLague, .huntingtonHill:
            if minimum > 0 {
                for i in eligible { tally.award(i, tally.limited(i, minimum), "minimum", Rational(minimum)) }
            }
            highestAverages(among: eligible, seats: seats - tally.awarded, tally: &tally)
        case .cambodia:
            // First step: one seat per full quota of the valid votes.
            let valid = eligible.reduce(0) { $0 + contestants[$1].votes }
            if valid > 0 {
                for i in eligible {
                    let votes = contestants[i].votes
                    let full = tally.limited(i, votes * seats / valid)
                    if full > 0 { tally.award(i, full, "quota", Rational(votes * seats, valid)) }
                }
            }
            highestAverages(among: eligible, seats: seats - tally.awarded, tally: &tally)
        case .largestRemainder(let quota):
            largestRemainders(among: eligible, quota: quota, tally: &tally)
        }
        return tally.outcome()
    }

    /// The divisor methods: each seat to the highest priority (votes / divisor of seats won).
    private func highestAverages(among eligible: [Int], seats: Int, tally: inout Tally) {
        var remaining = seats
        var tied: [Int] = []
        tied.reserveCapacity(eligible.count)
        while remaining > 0 {
            // One pass: the highest priority and every list that has it.
            var best: Rational?
            tied.removeAll(keepingCapacity: true)
            for i in eligible where tally.canWin(i) {
                let priority = method.priority(votes: contestants[i].votes, afterSeats: tally.won[i])
                if let current = best {
                    if priority < current { continue }
                    if current < priority { tied.removeAll(keepingCapacity: true) }
                }
                best = priority
                tied.append(i)
            }
            guard let best else {
                tally.tie = .init(contestants: [], seats: remaining)
                return
            }
            if tied.count <= remaining {
                for i in tied { tally.award(i, 1, "average", best) }
                remaining -= tied.count
                continue
            }
            settle(tied, seats: remaining, value: best, tally: &tally)
            return
        }
    }

    /// One seat per full quota, then the remaining seats to the largest remainders.
    private func largestRemainders(among eligible: [Int], quota kind: SeatMethod.Quota, tally: inout Tally) {
        func share(_ i: Int, _ quota: Rational) -> Rational {
            quota.numerator == 0 ? Rational(0) : Rational(contestants[i].votes * quota.denominator, quota.numerator)
        }
        // With a minimum, those whose share falls short are held at it, and the quota is worked out
        // again over the others and the seats left, until no one else falls short.
        var held = Set<Int>()
        var quota = Rational(0)
        while true {
            let free = eligible.filter { !held.contains($0) }
            let freeSeats = seats - minimum * held.count
            quota = kind.value(votes: free.reduce(0) { $0 + contestants[$1].votes }, seats: max(freeSeats, 1))
            let short = free.filter { minimum > 0 && share($0, quota) < Rational(minimum) }
            if short.isEmpty || free.isEmpty { break }
            held.formUnion(short)
        }
        for i in eligible where held.contains(i) {
            tally.award(i, tally.limited(i, minimum), "minimum", Rational(minimum))
        }
        var remainders: [(index: Int, remainder: Rational)] = []
        for i in eligible where !held.contains(i) {
            let exact = share(i, quota)
            let full = tally.limited(i, exact.floor)
            if full > 0 { tally.award(i, full, "quota", exact) }
            remainders.append((i, Rational(exact.numerator - full * exact.denominator, exact.denominator)))
        }
        var remaining = seats - tally.awarded
        // A small quota (Imperiali, Droop) can give more full quotas than seats: the lists with the
        // smallest remainders give them back.
        while remaining < 0 {
            let holders = remainders.filter { tally.won[$0.index] > 0 }
            guard let smallest = holders.map(\.remainder).min() else { break }
            let tied = holders.filter { $0.remainder == smallest }.map(\.index)
            guard tied.count == 1 else {
                tally.tie = .init(contestants: tied.map { contestants[$0].name }.sorted(), seats: -remaining)
                return
            }
            tally.award(tied[0], -1, "over-quota", smallest)
            remaining += 1
        }
        var hadRemainderSeat = Set<Int>()
        while remaining > 0 {
            let open = remainders.filter { tally.canWin($0.index) && !hadRemainderSeat.contains($0.index) }
            guard let best = open.map(\.remainder).max() else {
                tally.tie = .init(contestants: [], seats: remaining)
                return
            }
            let tied = open.filter { $0.remainder == best }.map(\.index)
            if tied.count <= remaining {
                for i in tied {
                    tally.award(i, 1, "remainder", best)
                    hadRemainderSeat.insert(i)
                }
                remaining -= tied.count
                continue
            }
            settle(tied, seats: remaining, value: best, tally: &tally)
            return
        }
    }

    /// More lists are equal than seats are left: the tie-break decides what it can; the rest is a tie.
    private func settle(_ tied: [Int], seats: Int, value: Rational, tally: inout Tally) {
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
                for i in group { tally.award(i, 1, "tie-break", value) }
                left -= group.count
            } else {
                let names = group.map { contestants[$0].name }.sorted()
                for i in group.sorted(by: { contestants[$0].name < contestants[$1].name }) { tally.step("tie", i, 0, value) }
                tally.tie = .init(contestants: names, seats: left)
                return
            }
        }
    }
}

/// The running count of an allocation, by the contestants' positions.
private struct Tally {
    let contestants: [SeatAllocation.Contestant]
    var won: [Int]
    var tie: AllocationOutcome.Tie?
    private var steps: [(kind: String, index: Int, seats: Int, value: Rational)] = []

    init(contestants: [SeatAllocation.Contestant]) {
        self.contestants = contestants
        won = Array(repeating: 0, count: contestants.count)
    }

    var awarded: Int { won.reduce(0, +) }

    func canWin(_ i: Int) -> Bool {
        guard let cap = contestants[i].cap else { return true }
        return won[i] < cap
    }

    /// `seats`, or fewer if the list runs out of candidates (noted as a step).
    mutating func limited(_ i: Int, _ seats: Int) -> Int {
        guard let cap = contestants[i].cap, seats > cap else { return seats }
        step("cap", i, cap, Rational(cap))
        return cap
    }

    mutating func award(_ i: Int, _ seats: Int, _ kind: String, _ value: Rational) {
        won[i] += seats
        step(kind, i, seats, value)
    }

    mutating func step(_ kind: String, _ i: Int, _ seats: Int, _ value: Rational) {
        steps.append((kind, i, seats, value))
    }

    func outcome() -> AllocationOutcome {
        AllocationOutcome(
            seats: Dictionary(uniqueKeysWithValues: contestants.indices.map { (contestants[$0].name, won[$0]) }),
            tie: tie,
            steps: steps.map {
                .init(kind: $0.kind, contestant: contestants[$0.index].name, seats: $0.seats, value: $0.value)
            })
    }
}
