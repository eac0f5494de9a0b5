extension SeatAllocation {
    /// Shares the seats by the method, exactly. A tie that the tie-break does not settle is
    /// returned as ``AllocationOutcome/tie``, with the seats it leaves open; it is never decided here.
    public func allocate() throws -> AllocationOutcome {
        let (won, tie, unfilled, _) = try run(tracing: false)
        return .of(self, won: won, tie: tie, unfilled: unfilled)
    }

    /// The steps of the allocation, in order: the same allocation again, recording them.
    func trace() -> [AllocationOutcome.Step] {
        ((try? run(tracing: true))?.steps ?? []).map {
            .init(kind: $0.kind.rawValue, contestant: contestants[$0.contestant].name, seats: $0.seats,
                  value: $0.kind.showsLowestTerms ? $0.value.reduced : $0.value)
        }
    }

    /// Checks the allocation and shares the seats: seats won by position, the tie if any, the seats
    /// no list can take, and the steps if `tracing`.
    private func run(tracing: Bool) throws -> (won: [Int], tie: AllocationOutcome.Tie?, unfilled: Int, steps: [Tally.Record]) {
        guard seats > 0 else { throw Problem.noSeats }
        guard !contestants.isEmpty else { throw Problem.noContestants }
        try checkContestants()
        // A rational's denominator is positive, so this is 0 ≤ threshold ≤ 1 without multiplying.
        guard threshold.numerator >= 0, threshold.numerator <= threshold.denominator else { throw Problem.thresholdOutOfRange }

        // The lists' working state lives on the stack (for up to a few dozen lists): allocating
        // it on the heap would cost about as much as the arithmetic.
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: contestants.count) { won in
            try withUnsafeTemporaryAllocation(of: Tally.List.self, capacity: contestants.count) { lists in
                var tally = Tally(contestants: contestants, won: won, lists: lists, tracing: tracing)
                try share(&tally)
                return (Array(won), tally.tie, tally.unfilled, tally.steps)
            }
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
        if contestants.count <= 64, try checkASCIINames() { return }
        var names = Set<String>(minimumCapacity: contestants.count)
        for c in contestants {
            guard c.votes >= 0 else { throw Problem.negativeVotes(c.name) }
            guard names.insert(c.name).inserted else { throw Problem.duplicateName(c.name) }
        }
    }

    /// The same check without hashing every name with Swift's Hasher; false, leaving the check
    /// to a Set, at the first name that is not ASCII.
    ///
    /// Names are equal as Swift compares strings (canonically equivalent); ASCII names are equal
    /// only byte for byte. So a checksum of a name's bytes sets two bits of a small filter, and
    /// only a name whose two bits are both set already is compared with the earlier names.
    private func checkASCIINames() throws -> Bool {
        var seen: (UInt64, UInt64) = (0, 0)
        for i in contestants.indices {
            let name = contestants[i].name
            guard contestants[i].votes >= 0 else { throw Problem.negativeVotes(name) }
            guard let sum = Self.asciiChecksum(name) else { return false }
            let mixed = sum &* 0x9e37_79b9_7f4a_7c15
            let bits: (UInt64, UInt64) = (1 << (mixed >> 58), 1 << (mixed >> 52 & 63))
            if seen.0 & bits.0 != 0 && seen.1 & bits.1 != 0 {
                for j in 0..<i where contestants[j].name == name { throw Problem.duplicateName(name) }
            }
            seen = (seen.0 | bits.0, seen.1 | bits.1)
        }
        return true
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
