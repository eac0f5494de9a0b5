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
        var eligible = contestants
        if threshold > Rational(0) {
            eligible = contestants.filter { c in
                let share = total == 0 ? Rational(0) : Rational(c.votes, total)
                if share < threshold {
                    tally.steps.append(.init(kind: "threshold", contestant: c.name, seats: 0, value: share))
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
                for c in eligible { tally.award(c.name, tally.limited(c, minimum), kind: "minimum", value: Rational(minimum)) }
            }
            highestAverages(among: eligible, seats: seats - tally.awarded, tally: &tally)
        case .cambodia:
            // First step: one seat per full quota of the valid votes.
            let valid = eligible.reduce(0) { $0 + $1.votes }
            if valid > 0 {
                for c in eligible {
                    let full = tally.limited(c, c.votes * seats / valid)
                    if full > 0 {
                        tally.award(c.name, full, kind: "quota", value: Rational(c.votes * seats, valid))
                    }
                }
            }
            highestAverages(among: eligible, seats: seats - tally.awarded, tally: &tally)
        case .largestRemainder(let quota):
            largestRemainders(among: eligible, quota: quota, tally: &tally)
        }
        return AllocationOutcome(seats: tally.won, tie: tally.tie, steps: tally.steps)
    }

    /// The divisor methods: each seat to the highest quotient votes / divisor(seats won).
    private func highestAverages(among eligible: [Contestant], seats: Int, tally: inout Tally) {
        var remaining = seats
        while remaining > 0 {
            let open = eligible.filter { tally.canWin($0) }
            guard !open.isEmpty else {
                tally.tie = .init(contestants: [], seats: remaining)
                return
            }
            let quotients = open.map { c in (c, method.priority(votes: c.votes, afterSeats: tally.won[c.name] ?? 0)) }
            let best = quotients.map(\.1).max() ?? Rational(0)
            let tied = quotients.filter { $0.1 == best }.map(\.0)
            if tied.count <= remaining {
                for c in tied { tally.award(c.name, 1, kind: "average", value: best) }
                remaining -= tied.count
                continue
            }
            settle(tied, seats: remaining, value: best, tally: &tally)
            return
        }
    }

    /// One seat per full quota, then the remaining seats to the largest remainders.
    private func largestRemainders(among eligible: [Contestant], quota kind: SeatMethod.Quota, tally: inout Tally) {
        // With a minimum, those whose share falls short are held at it, and the quota is worked out
        // again over the others and the seats left, until no one else falls short.
        var held = Set<String>()
        var quota = Rational(0)
        while true {
            let free = eligible.filter { !held.contains($0.name) }
            let freeSeats = seats - minimum * held.count
            quota = kind.value(votes: free.reduce(0) { $0 + $1.votes }, seats: max(freeSeats, 1))
            let short = free.filter { c in
                minimum > 0 && (quota.numerator == 0 || Rational(c.votes * quota.denominator, quota.numerator) < Rational(minimum))
            }
            if short.isEmpty || free.isEmpty { break }
            held.formUnion(short.map(\.name))
        }
        for c in eligible where held.contains(c.name) {
            tally.award(c.name, tally.limited(c, minimum), kind: "minimum", value: Rational(minimum))
        }
        var remainders: [(Contestant, Rational)] = []
        for c in eligible where !held.contains(c.name) {
            let exact = quota.numerator == 0 ? Rational(0) : Rational(c.votes * quota.denominator, quota.numerator)
            let full = tally.limited(c, exact.floor)
            if full > 0 { tally.award(c.name, full, kind: "quota", value: exact) }
            remainders.append((c, Rational(exact.numerator - full * exact.denominator, exact.denominator)))
        }
        var remaining = seats - tally.awarded
        // A small quota (Imperiali, Droop) can give more full quotas than seats: the lists with the
        // smallest remainders give them back.
        while remaining < 0 {
            let holders = remainders.filter { (tally.won[$0.0.name] ?? 0) > 0 }
            guard let smallest = holders.map(\.1).min() else { break }
            let tied = holders.filter { $0.1 == smallest }.map(\.0)
            guard tied.count == 1 else {
                tally.tie = .init(contestants: tied.map(\.name), seats: -remaining)
                return
            }
            tally.award(tied[0].name, -1, kind: "over-quota", value: smallest)
            remaining += 1
        }
        while remaining > 0 {
            let open = remainders.filter { tally.canWin($0.0) && !tally.hadRemainderSeat.contains($0.0.name) }
            guard !open.isEmpty else {
                tally.tie = .init(contestants: [], seats: remaining)
                return
            }
            let best = open.map(\.1).max() ?? Rational(0)
            let tied = open.filter { $0.1 == best }.map(\.0)
            if tied.count <= remaining {
                for c in tied {
                    tally.award(c.name, 1, kind: "remainder", value: best)
                    tally.hadRemainderSeat.insert(c.name)
                }
                remaining -= tied.count
                continue
            }
            settle(tied, seats: remaining, value: best, tally: &tally)
            return
        }
    }

    /// More lists are equal than seats are left: the tie-break decides what it can; the rest is a tie.
    private func settle(_ tied: [Contestant], seats: Int, value: Rational, tally: inout Tally) {
        var ranked: [[Contestant]]
        switch tieBreak {
        case .none:
            ranked = [tied]
        case .mostVotes:
            ranked = Dictionary(grouping: tied, by: \.votes).sorted { $0.key > $1.key }.map(\.value)
        case .order(let order):
            let known = tied.filter { order.contains($0.name) }
                .sorted { order.firstIndex(of: $0.name)! < order.firstIndex(of: $1.name)! }.map { [$0] }
            let unknown = tied.filter { !order.contains($0.name) }
            ranked = known + (unknown.isEmpty ? [] : [unknown])
        }
        var left = seats
        for group in ranked where left > 0 {
            if group.count <= left {
                for c in group { tally.award(c.name, 1, kind: "tie-break", value: value) }
                left -= group.count
            } else {
                let names = group.map(\.name).sorted()
                for name in names { tally.steps.append(.init(kind: "tie", contestant: name, seats: 0, value: value)) }
                tally.tie = .init(contestants: names, seats: left)
                return
            }
        }
    }
}

/// The running count of an allocation.
private struct Tally {
    var won: [String: Int]
    var steps: [AllocationOutcome.Step] = []
    var tie: AllocationOutcome.Tie?
    var hadRemainderSeat = Set<String>()
    private let caps: [String: Int]

    init(contestants: [SeatAllocation.Contestant]) {
        won = Dictionary(uniqueKeysWithValues: contestants.map { ($0.name, 0) })
        caps = Dictionary(uniqueKeysWithValues: contestants.compactMap { c in c.cap.map { (c.name, $0) } })
    }

    var awarded: Int { won.values.reduce(0, +) }

    func canWin(_ c: SeatAllocation.Contestant) -> Bool {
        guard let cap = caps[c.name] else { return true }
        return (won[c.name] ?? 0) < cap
    }

    /// `seats`, or fewer if the list runs out of candidates (noted as a step).
    mutating func limited(_ c: SeatAllocation.Contestant, _ seats: Int) -> Int {
        guard let cap = caps[c.name], seats > cap else { return seats }
        steps.append(.init(kind: "cap", contestant: c.name, seats: cap, value: Rational(cap)))
        return cap
    }

    mutating func award(_ name: String, _ seats: Int, kind: String, value: Rational) {
        won[name, default: 0] += seats
        steps.append(.init(kind: kind, contestant: name, seats: seats, value: value))
    }
}
